// @ts-check
/**
 * The emulator's clock. Durations in a scenario (task start, health, backoff, timeline) are
 * "scenario seconds"; `timeScale` of them pass per real second, so a scenario can make ECS
 * faster than it is. Timestamps shown to clients are always the wall clock of the moment a
 * change happened: a scenario second `s` maps to `startWallMs + s / timeScale * 1000`, which
 * is never ahead of real time. (AWS timestamps are wall-clock times; a client's `createdAt`
 * filter on ListServiceDeployments compares them with its own clock.)
 */
export class SimClock {
  /** @param {number} timeScale @param {() => number} [wallNow] */
  constructor(timeScale, wallNow = Date.now) {
    this.timeScale = timeScale;
    this.wallNow = wallNow;
    this.startWallMs = wallNow();
  }

  /** Scenario seconds since start. */
  now() {
    return ((this.wallNow() - this.startWallMs) / 1000) * this.timeScale;
  }

  /**
   * Epoch seconds (the AWS JSON timestamp form) of the wall-clock moment at which `simSeconds`
   * scenario seconds had passed, rounded to milliseconds.
   * @param {number} simSeconds
   */
  epoch(simSeconds) {
    return Math.round(this.startWallMs + (simSeconds / this.timeScale) * 1000) / 1000;
  }
}
