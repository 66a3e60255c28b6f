// @ts-check
// A session whose task stops (e.g. a Fargate Spot interruption): the agent and the command die
// with the container, so the command never finishes.
/** @typedef {import('./session.js').Session} Session */

/**
 * AWS does not document what the client then sees, so `faults.exec.taskStopEndsSession` picks it:
 * `drop` (default) ends the WebSocket without channel_closed, `channelClosed` sends channel_closed
 * with an empty Output first.
 * @param {Session} session @param {string} reason
 */
export function endWithTask(session, reason) {
  if (session.finished || session.ending) return;
  session.log({ event: 'session.task-stopped', reason });
  if ((session.faults.taskStopEndsSession ?? 'drop') === 'channelClosed') {
    session.command?.signal('SIGKILL');
    session.command = null;
    void session.endSession('closed', `task stopped: ${reason}`, '');
    return;
  }
  session.connection = 'dropped';
  session.finish('disconnected', `task stopped: ${reason}`);
  session.ws?.terminate();
}
