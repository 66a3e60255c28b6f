// @ts-check
/**
 * The emulator's clock. Durations in a scenario (task start, health, backoff, timeline) are
 * "scenario seconds"; `timeScale` of them pass per real second, so a scenario can make ECS
 * faster than it is. Timestamps shown to clients are the wall clock of the moment a change
 * happened: a scenario second `s` maps to `startWallMs + s / timeScale * 1000`, plus
 * `awsClockOffsetSeconds`. AWS stamps `createdAt` and every other timestamp with its own clock,
 * and a client's clock is only as close to it as NTP keeps it; the offset plays a runner whose
 * clock is behind AWS's (positive) or ahead of it (negative) without touching the runner. A
 * client's timestamp filters (ListServiceDeployments `createdAt`) are compared with AWS's
 * clock, as AWS compares them. The offset moves no scaled scenario time.
 */
export class SimClock {
  /** @param {number} timeScale @param {() => number} [wallNow] @param {number} [offsetSeconds] */
  constructor(timeScale, wallNow = Date.now, offsetSeconds = 0) {
    this.timeScale = timeScale;
    this.wallNow = wallNow;
    this.startWallMs = wallNow();
    this.offsetMs = offsetSeconds * 1000;
  }

  /** Scenario seconds since start. */
  now() {
    return ((this.wallNow() - this.startWallMs) / 1000) * this.timeScale;
  }

  /**
   * Epoch seconds (the AWS JSON timestamp form) on AWS's clock at the moment `simSeconds`
   * scenario seconds had passed, rounded to milliseconds.
   * @param {number} simSeconds
   */
  epoch(simSeconds) {
    return Math.round(this.startWallMs + this.offsetMs + (simSeconds / this.timeScale) * 1000) / 1000;
  }
}
