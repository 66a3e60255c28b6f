// An "action" that never ends, for abandoned.check.js.
setInterval(() => {}, 1000);
