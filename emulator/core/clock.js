// @ts-check
/**
 * The simulated clock: `timeScale` simulated seconds pass per real second, counted from the
 * moment the emulator started. Timestamps shown to clients are the start's wall time plus the
 * simulated seconds, so they advance at the simulated pace.
 */
export class SimClock {
  /** @param {number} timeScale @param {() => number} [wallNow] */
  constructor(timeScale, wallNow = Date.now) {
    this.timeScale = timeScale;
    this.wallNow = wallNow;
    this.startWallMs = wallNow();
  }

  /** Simulated seconds since start. */
  now() {
    return ((this.wallNow() - this.startWallMs) / 1000) * this.timeScale;
  }

  /**
   * Epoch seconds (the AWS JSON timestamp form) of a simulated time, rounded to milliseconds.
   * @param {number} simSeconds
   */
  epoch(simSeconds) {
    return Math.round(this.startWallMs + simSeconds * 1000) / 1000;
  }
}
