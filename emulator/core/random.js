// @ts-check
/**
 * Seeded pseudo-random numbers (mulberry32) so a scenario replays the same ids and the same
 * injected faults on every run.
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Generates the identifiers ECS uses, in their real formats, from one seeded stream. */
export class IdFactory {
  /** @param {number} seed */
  constructor(seed) {
    this.random = seededRandom(seed);
  }

  /** @param {string} alphabet @param {number} length */
  chars(alphabet, length) {
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(this.random() * alphabet.length)];
    return out;
  }

  /** 32 lowercase hex digits, as in task ids. */
  taskId() {
    return this.chars('0123456789abcdef', 32);
  }

  /** `ecs-svc/` followed by 19 digits, the service deployment id format in `deployments[]`. */
  deploymentId() {
    return `ecs-svc/${this.chars('123456789', 1)}${this.chars('0123456789', 18)}`;
  }

  /** 19 digits, as in service revision ARNs. */
  revisionId() {
    return `${this.chars('123456789', 1)}${this.chars('0123456789', 18)}`;
  }

  /** 21 letters and digits, as in service deployment ARNs. */
  serviceDeploymentId() {
    return this.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 21);
  }

  /** A lowercase hyphenated UUID v4. */
  uuid() {
    const hex = this.chars('0123456789abcdef', 32);
    const variant = '89ab'[Math.floor(this.random() * 4)];
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  /** `sha256:` + 64 hex digits. */
  digest() {
    return `sha256:${this.chars('0123456789abcdef', 64)}`;
  }

  /** Fargate container runtime id: `<taskId>-<10 digits>`. */
  runtimeId(/** @type {string} */ taskId) {
    return `${taskId}-${this.chars('123456789', 1)}${this.chars('0123456789', 9)}`;
  }
}
