// @ts-check
/**
 * Per-account token buckets, as documented for ECS (burst / refill per second, real time).
 * Operations outside every group are not throttled.
 */
export const DOCUMENTED_BUCKETS = Object.freeze({
  describeServices: { burst: 100, refill: 20 },
  updateService: { burst: 50, refill: 5 },
  tasks: { burst: 100, refill: 20 },
  clusterWrites: { burst: 100, refill: 40 },
  registerTaskDefinition: { burst: 20, refill: 1 },
  describeTaskDefinition: { burst: 50, refill: 20 },
  serviceDeployments: { burst: 50, refill: 20 },
});

/** @type {Record<string, keyof typeof DOCUMENTED_BUCKETS>} */
const GROUP_OF = {
  DescribeServices: 'describeServices',
  ListServices: 'describeServices',
  CreateService: 'updateService',
  UpdateService: 'updateService',
  DeleteService: 'updateService',
  DescribeTasks: 'tasks',
  ListTasks: 'tasks',
  ExecuteCommand: 'clusterWrites',
  StopTask: 'clusterWrites',
  RunTask: 'clusterWrites',
  StopServiceDeployment: 'clusterWrites',
  // Not on the throttling page: counted with StopServiceDeployment, the other deployment write.
  ContinueServiceDeployment: 'clusterWrites',
  RegisterTaskDefinition: 'registerTaskDefinition',
  DeregisterTaskDefinition: 'registerTaskDefinition',
  DescribeTaskDefinition: 'describeTaskDefinition',
  ListTaskDefinitions: 'describeTaskDefinition',
  ListServiceDeployments: 'serviceDeployments',
  DescribeServiceDeployments: 'serviceDeployments',
  DescribeServiceRevisions: 'serviceDeployments',
};

export class Throttler {
  /**
   * @param {'documented' | 'off' | Record<string, {burst: number, refill: number}>} setting
   *   an object overrides the named groups; the other groups keep their documented buckets
   * @param {() => number} [nowMs]
   */
  constructor(setting, nowMs = Date.now) {
    this.nowMs = nowMs;
    /** @type {Map<string, {burst: number, refill: number, tokens: number, at: number}>} */
    this.buckets = new Map();
    if (setting === 'off') return;
    const limits = { ...DOCUMENTED_BUCKETS, ...(typeof setting === 'object' ? setting : {}) };
    for (const [group, { burst, refill }] of Object.entries(limits)) {
      this.buckets.set(group, { burst, refill, tokens: burst, at: nowMs() });
    }
  }

  /**
   * Takes one token for an ECS operation; false when its bucket is empty.
   * @param {string} operation
   */
  take(operation) {
    const bucket = this.buckets.get(GROUP_OF[operation] ?? '');
    if (!bucket) return true;
    const now = this.nowMs();
    bucket.tokens = Math.min(bucket.burst, bucket.tokens + ((now - bucket.at) / 1000) * bucket.refill);
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
