// @ts-check
/** Cross-references of the scenario's `scheduler` section that the schema cannot express. */

/** @typedef {import('../scenario/validate.js').SchemaError} SchemaError */

/** @param {any} scheduler scenario.scheduler @returns {SchemaError[]} */
export function schedulerReferenceErrors(scheduler) {
  /** @type {SchemaError[]} */
  const errors = [];
  const groups = new Set(['default']);
  (scheduler?.groups ?? []).forEach((/** @type {any} */ group, /** @type {number} */ i) => {
    if (groups.has(group.Name)) errors.push({ path: `$.scheduler.groups[${i}].Name`, message: `duplicate schedule group "${group.Name}" (default always exists)` });
    groups.add(group.Name);
  });
  const schedules = new Set();
  (scheduler?.schedules ?? []).forEach((/** @type {any} */ schedule, /** @type {number} */ i) => {
    const group = schedule.GroupName ?? 'default';
    if (!groups.has(group)) errors.push({ path: `$.scheduler.schedules[${i}].GroupName`, message: `group "${group}" is not listed in $.scheduler.groups (have: ${[...groups].join(', ')})` });
    if (schedules.has(`${group}/${schedule.Name}`)) errors.push({ path: `$.scheduler.schedules[${i}].Name`, message: `duplicate schedule "${schedule.Name}" in group "${group}"` });
    schedules.add(`${group}/${schedule.Name}`);
  });
  (scheduler?.updateFailures ?? []).forEach((/** @type {any} */ failure, /** @type {number} */ i) => {
    if (!schedules.has(`${failure.group ?? 'default'}/${failure.schedule}`)) {
      errors.push({ path: `$.scheduler.updateFailures[${i}].schedule`, message: `schedule "${failure.schedule}" in group "${failure.group ?? 'default'}" is not listed in $.scheduler.schedules` });
    }
  });
  return errors;
}
