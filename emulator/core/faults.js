// @ts-check
import { ApiError } from './errors.js';
import { seededRandom } from './random.js';

/** @typedef {'answer' | 'reset'} FaultAction */

/**
 * Request-level faults from `scenario.faults` (except throttling and exec): expired credentials,
 * denied operations, injected 5xx answers and connection resets. Random draws come from their
 * own seeded stream so they do not shift generated ids.
 */
export class Faults {
  /**
   * @param {any} faults scenario.faults
   * @param {number} seed
   * @param {string} identityArn the caller identity quoted in AccessDenied messages
   */
  constructor(faults, seed, identityArn) {
    this.faults = faults ?? {};
    this.random = seededRandom(seed ^ 0x5bd1e995);
    this.identityArn = identityArn;
  }

  /**
   * The fault for one request, if any: `{ reset: true }` to destroy the connection, or an ApiError.
   * @param {{ service: string, operation: string, simTime: number, resource: string }} request
   * @returns {{ reset: true } | ApiError | undefined}
   */
  pick({ service, operation, simTime, resource }) {
    const f = this.faults;
    if (f.expireCredentialsAfterSeconds !== undefined && simTime >= f.expireCredentialsAfterSeconds) {
      return new ApiError(400, 'ExpiredTokenException', 'The security token included in the request is expired');
    }
    if ((f.accessDenied ?? []).includes(operation)) {
      const action = `${service}:${operation}`;
      return new ApiError(400, 'AccessDeniedException',
        `User: ${this.identityArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`);
    }
    if (f.faultOperations && !f.faultOperations.includes(operation)) return undefined;
    if (f.resetRate && this.random() < f.resetRate) return { reset: true };
    if (f.errorRate && this.random() < f.errorRate) {
      return this.random() < 0.5
        ? new ApiError(500, 'InternalServerException', 'We encountered an internal error. Please try again.')
        : new ApiError(503, 'ServiceUnavailableException', 'Service Unavailable');
    }
    return undefined;
  }
}
