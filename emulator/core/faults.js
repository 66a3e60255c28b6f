// @ts-check
import { ApiError } from './errors.js';
import { seededRandom } from './random.js';

/** @typedef {'answer' | 'reset'} FaultAction */
/** @typedef {{ reset: true, afterHandling?: boolean }} Reset afterHandling: the request is carried out first, only its answer is lost */

/**
 * How each error of `faults.operations` is answered. ECS: "Common Errors" and the ExecuteCommand
 * API reference (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/CommonErrors.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/request-throttling.html: HTTP 400
 * ThrottlingException "Rate exceeded"). KMS words its throttling differently
 * (https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html).
 * @type {Record<string, (service: string) => ApiError>}
 */
const OPERATION_ERRORS = {
  ThrottlingException: (service) =>
    new ApiError(400, 'ThrottlingException', service === 'kms' ? 'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.' : 'Rate exceeded'),
  ServerException: () => new ApiError(500, 'ServerException', 'Server exception.'),
  ServiceUnavailableException: () => new ApiError(503, 'ServiceUnavailableException', 'Service Unavailable'),
  // ExecuteCommand's "Errors" (API reference): the agent is not connected to Systems Manager yet.
  TargetNotConnectedException: () => new ApiError(400, 'TargetNotConnectedException', 'The execute command failed due to an internal error. Try again later.'),
};

/**
 * Fargate Spot reclaims a task with stopCode SpotInterruption and this stoppedReason
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html,
 * "Handling Fargate Spot termination notices"; Task.stopCode in the API reference).
 */
export const SPOT_INTERRUPTION = Object.freeze({ stopCode: 'SpotInterruption', stoppedReason: 'Your Spot Task was interrupted.' });

/**
 * @typedef {{ interruptTask?: (request: { cluster?: string, task: string }, stop: typeof SPOT_INTERRUPTION) => void }} FaultHooks
 *   interruptTask: stops the task as ECS would (wired by index.js to the engine and exec/)
 */

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
  constructor(faults, seed, identityArn, hooks = /** @type {FaultHooks} */ ({})) {
    this.faults = faults ?? {};
    this.random = seededRandom(seed ^ 0x5bd1e995);
    this.identityArn = identityArn;
    this.hooks = hooks;
    /** @type {Map<string, { calls: number, firstWallMs: number }>} requests seen per operation */
    this.seen = new Map();
  }

  /**
   * Counts the request and answers the first matching `faults.operations` entry: during the first
   * `calls` requests of the operation, or for `seconds` (real) from its first request.
   * @param {string} service @param {string} operation
   * @returns {Reset | ApiError | undefined}
   */
  operationFault(service, operation) {
    const seen = this.seen.get(operation) ?? { calls: 0, firstWallMs: Date.now() };
    seen.calls += 1;
    this.seen.set(operation, seen);
    for (const entry of this.faults.operations ?? []) {
      if (entry.operation !== operation) continue;
      const byCount = entry.calls !== undefined && seen.calls <= entry.calls;
      const byTime = entry.seconds !== undefined && Date.now() - seen.firstWallMs < entry.seconds * 1000;
      if (!byCount && !byTime) continue;
      if (entry.error === 'reset') return { reset: true };
      if (entry.error === 'resetAfterHandling') return { reset: true, afterHandling: true };
      return OPERATION_ERRORS[entry.error](service);
    }
    return undefined;
  }

  /**
   * `faults.spotInterruptions`: the task named by the `call`-th ExecuteCommand is reclaimed, either
   * before ECS handles that request (it then answers as for any task that is not RUNNING) or
   * `afterMs` real milliseconds later, while the session runs.
   * @param {string} operation @param {any} input
   */
  interrupt(operation, input) {
    if (operation !== 'ExecuteCommand' || !this.hooks.interruptTask || typeof input?.task !== 'string') return;
    const calls = this.seen.get(operation)?.calls ?? 0;
    for (const entry of this.faults.spotInterruptions ?? []) {
      if (entry.call !== calls) continue;
      const request = { cluster: input.cluster, task: input.task };
      const interruptTask = this.hooks.interruptTask;
      if (entry.when === 'before') interruptTask(request, SPOT_INTERRUPTION);
      else setTimeout(() => interruptTask(request, SPOT_INTERRUPTION), entry.afterMs ?? 500).unref();
    }
  }

  /**
   * The fault for one request, if any: `{ reset: true }` to destroy the connection, or an ApiError.
   * @param {{ service: string, operation: string, simTime: number, resource: string, input?: any }} request
   * @returns {Reset | ApiError | undefined}
   */
  pick({ service, operation, simTime, resource, input }) {
    const f = this.faults;
    if (f.expireCredentialsAfterSeconds !== undefined && simTime >= f.expireCredentialsAfterSeconds) {
      return new ApiError(400, 'ExpiredTokenException', 'The security token included in the request is expired');
    }
    if ((f.accessDenied ?? []).includes(operation)) {
      const action = `${service}:${operation}`;
      return new ApiError(400, 'AccessDeniedException',
        `User: ${this.identityArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`);
    }
    const scripted = this.operationFault(service, operation);
    if (scripted) return scripted;
    this.interrupt(operation, input);
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
