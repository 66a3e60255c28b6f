// @ts-check
// Someone pushes another image under a tag while a deployment is on its way: the scenario
// timeline's `moveTag` with a `when` trigger. It fires on a state of the run (a family's revision
// registered through the API, a service's deployment starting), never after a guessed delay, so
// a test puts the move exactly between the action's image check and ECS's image resolution.
/** @typedef {import('./store.js').EcrStore} EcrStore */

/**
 * @typedef {{ afterRegisterTaskDefinition?: string, deploymentStarts?: { cluster: string, service: string } }} Trigger
 * @typedef {{ repository: string, tag: string, toDigest: string, when?: Trigger }} TagMove
 */

export class TagMoves {
  /** @param {EcrStore} ecr @param {any[]} timeline the scenario's timeline */
  constructor(ecr, timeline) {
    this.ecr = ecr;
    /** @type {TagMove[]} each fires once */
    this.pending = timeline.filter((event) => event.moveTag?.when).map((event) => event.moveTag);
  }

  /** A RegisterTaskDefinition request of `family` was answered. @param {string} family */
  afterRegister(family) {
    this.fire((when) => when.afterRegisterTaskDefinition === family);
  }

  /**
   * A service deployment of the service starts (UpdateService), before ECS resolves its
   * images (see ../ecs/image-digests.js).
   * @param {string} cluster @param {string} service
   */
  deploymentStarts(cluster, service) {
    this.fire((when) => when.deploymentStarts?.cluster === cluster && when.deploymentStarts.service === service);
  }

  /** @param {(when: Trigger) => boolean} matches */
  fire(matches) {
    const due = this.pending.filter((move) => move.when && matches(move.when));
    this.pending = this.pending.filter((move) => !due.includes(move));
    for (const move of due) this.ecr.moveTag(move);
  }
}
