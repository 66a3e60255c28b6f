/**
 * The fix-it table for stopped tasks: one family per row of the AWS "stopped task error codes"
 * pages (reference section 7), each with the likely cause, the fix with the names from the
 * message. A reason no family knows gets no hint. Whether a retry could change the outcome (fail
 * fast or not) is decided in deterministic.ts alone.
 */

/** What a stopped task says about itself, as DescribeTasks shows it. */
export interface StoppedTaskFacts {
  stoppedReason?: string;
  stopCode?: string;
  containers: Array<{ name?: string; exitCode?: number; reason?: string }>;
  /** The task definition's execution role, when known (the pull errors do not name it). */
  executionRoleArn?: string;
  /** The awslogs group of the failed container, when known. */
  logGroup?: string;
}

export interface HintFamily {
  id: string;
  /** The hint line when the task belongs to this family. */
  hint(facts: StoppedTaskFacts): string | undefined;
}

export interface Hint {
  family: HintFamily;
  line: string;
}

function texts(facts: StoppedTaskFacts): string[] {
  return [facts.stoppedReason ?? '', ...facts.containers.map((c) => c.reason ?? '')].filter((text) => text !== '');
}

function find(facts: StoppedTaskFacts, test: (text: string) => boolean): string | undefined {
  return texts(facts).find(test);
}

/** The first image reference a pull error names (`ref <image>:`, `for <image>,`), else the first registry URL's host. */
function imageIn(text: string): string | undefined {
  return /(?:failed to resolve ref|pull access denied for|manifest for) ([^\s,"]+?)(?::? |,)/.exec(text)?.[1];
}

function registryHost(text: string): string | undefined {
  const image = imageIn(text);
  const first = image?.split('/')[0];
  if (image && first && first !== image && /[.:]/.test(first)) return first;
  if (image) return 'docker.io';
  return /https?:\/\/([^/\s"]+)/.exec(text)?.[1];
}

/** `User: arn:aws:sts::<account>:assumed-role/<role>/<session> is not authorized to perform: <action> on resource: <arn>`. */
function denial(text: string): { role?: string; action?: string; resource?: string } {
  const role = /arn:aws[\w-]*:sts::(\d{12}):assumed-role\/([^/\s]+)\//.exec(text);
  return {
    role: role ? `arn:aws:iam::${role[1]}:role/${role[2]}` : undefined,
    action: /not authorized to perform:? ([\w-]+:\w+)/.exec(text)?.[1],
    resource: /on resource: (arn:[^\s]+)/.exec(text)?.[1] ?? /(arn:aws[\w-]*:(?:secretsmanager|ssm|kms):[^\s]+)/.exec(text)?.[1],
  };
}

/**
 * The EC2 host under the task went away: "Host EC2 (instance i-0abc) terminated." (or "stopped."),
 * as field reports quote it; "When you stop or terminate a container instance, the tasks that are
 * running on it are transitioned to the STOPPED status" (ECS Developer Guide, task state change events).
 */
const HOST_GONE = /\bHost EC2 \(instance ([^)]*)\) (terminated|stopped)/i;

/** Whether a stoppedReason says the task's EC2 host was terminated or stopped: no fault of the release. */
export function hostWentAway(stoppedReason: string | undefined): boolean {
  return HOST_GONE.test(stoppedReason ?? '');
}

const PULL_NETWORK = /i\/o timeout|context canceled|request canceled while waiting for connection/;
const PULL_MISSING = /not found|does not exist|denied/;
const INIT_NETWORK = /i\/o timeout|signal: killed|retrieve ecr registry auth/;

function exitedWith(facts: StoppedTaskFacts, code: number): string | undefined {
  return facts.containers.find((c) => c.exitCode === code)?.name;
}

function failedContainer(facts: StoppedTaskFacts): { name?: string; exitCode?: number } | undefined {
  return facts.containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0) ?? facts.containers.find((c) => c.exitCode !== undefined);
}

/** Order matters: the first family that matches gives the hint, the specific ones before "Essential container in task exited". */
export const HINT_FAMILIES: readonly HintFamily[] = [
  {
    id: 'pull-network',
    hint: (facts) => {
      const text = find(facts, (t) => t.includes('CannotPullContainerError') && PULL_NETWORK.test(t));
      if (!text) return undefined;
      const host = registryHost(text);
      return `The task's network has no route to the registry${host ? ` ${host}` : ''}: in a public subnet set assignPublicIp to ENABLED; in a private subnet add a NAT gateway, or VPC endpoints for ecr.api and ecr.dkr and the S3 gateway endpoint.`;
    },
  },
  {
    id: 'pull-image-missing-or-denied',
    hint: (facts) => {
      const text = find(facts, (t) => t.includes('CannotPullContainerError') && PULL_MISSING.test(t));
      if (!text) return undefined;
      const image = imageIn(text);
      const role = facts.executionRoleArn ? `the execution role ${facts.executionRoleArn}` : "the task definition's execution role";
      return `The image ${image ?? 'named in the message'} cannot be pulled: check that it exists${registryHost(text) ? ` in ${registryHost(text)}` : ''} (repository, tag or digest), and that ${role} has the ECR pull permissions (ecr:GetAuthorizationToken, ecr:BatchGetImage, ecr:GetDownloadUrlForLayer).`;
    },
  },
  {
    id: 'secrets-access-denied',
    hint: (facts) => {
      const text = find(facts, (t) => t.includes('ResourceInitializationError') && t.includes('unable to pull secrets or registry auth') && t.includes('AccessDeniedException'));
      if (!text) return undefined;
      const { role, action, resource } = denial(text);
      const who = role ?? facts.executionRoleArn ?? "the task definition's execution role";
      const what = action ?? 'secretsmanager:GetSecretValue (or ssm:GetParameters)';
      return `The execution role ${who} may not read ${resource ?? 'the secret'}: grant it ${what}${resource ? ` on ${resource}` : ''} (and kms:Decrypt when the secret uses a customer managed key).`;
    },
  },
  {
    id: 'init-network',
    hint: (facts) => {
      const text = find(facts, (t) => t.includes('ResourceInitializationError') && INIT_NETWORK.test(t));
      if (!text) return undefined;
      const host = /https?:\/\/([^/\s"]+)/.exec(text)?.[1];
      return `The task has no network path${host ? ` to ${host}` : ' to ECR, Secrets Manager or SSM'}: give it a public IP (assignPublicIp ENABLED), a NAT gateway, or VPC endpoints for secretsmanager, ssm, ecr.api, ecr.dkr and the S3 gateway endpoint.`;
    },
  },
  {
    id: 'logging-driver',
    hint: (facts) => {
      if (!find(facts, (t) => t.includes('ResourceInitializationError: failed to initialize logging driver'))) return undefined;
      const group = facts.logGroup ? `the log group ${facts.logGroup}` : 'the log group';
      return `The awslogs driver could not start: create ${group} (or allow the execution role logs:CreateLogGroup), grant logs:CreateLogStream and logs:PutLogEvents, and enable DNS in the VPC.`;
    },
  },
  {
    id: 'elb-health-checks',
    hint: (facts) => {
      const text = find(facts, (t) => t.includes('Task failed ELB health checks'));
      if (!text) return undefined;
      const group = /targetgroup\/([^/\s)]+)/.exec(text)?.[1];
      return `The load balancer's health checks${group ? ` of target group ${group}` : ''} failed: allow the load balancer's security group to reach the container port, check the health check path and port, or raise healthCheckGracePeriodSeconds.`;
    },
  },
  {
    id: 'container-health-checks',
    hint: (facts) => {
      if (!find(facts, (t) => t.includes('Task failed container health checks'))) return undefined;
      return "The container's healthCheck failed: check its command inside the image, and give the application time to start with a longer startPeriod.";
    },
  },
  {
    id: 'out-of-memory',
    hint: (facts) => {
      const oom = facts.containers.find((c) => c.reason?.includes('OutOfMemoryError'))?.name ?? (find(facts, (t) => t.includes('OutOfMemoryError')) ? failedContainer(facts)?.name : undefined);
      const killed = facts.stoppedReason?.includes('Essential container in task exited') ? exitedWith(facts, 137) : undefined;
      const name = oom ?? killed;
      if (!name) return undefined;
      return `Container '${name}' exceeded its memory (${oom ? 'OutOfMemoryError' : 'exit code 137, killed'}): raise its memory or memoryReservation, or the task's memory.`;
    },
  },
  {
    id: 'cannot-start-container',
    hint: (facts) => {
      if (!find(facts, (t) => t.includes('CannotStartContainerError'))) return undefined;
      return 'The container could not start: raise its memory, and check that its entryPoint and command exist in the image and are executable.';
    },
  },
  {
    id: 'host-gone',
    hint: (facts) => {
      const host = HOST_GONE.exec(facts.stoppedReason ?? '');
      if (!host) return undefined;
      return `The EC2 instance ${host[1]} that hosted the task was ${host[2].toLowerCase()}: not a fault of the release; ECS starts the task again on another instance (if instances keep going away, look at the Auto Scaling group and the instances' health).`;
    },
  },
  {
    id: 'spot-interruption',
    hint: (facts) => {
      const spot = ['SpotInterruption', 'TerminationNotice'].includes(facts.stopCode ?? '') || find(facts, (t) => /SpotInterruption|TerminationNotice/.test(t));
      return spot ? 'Fargate Spot reclaimed the task: not a fault of the release; run it again.' : undefined;
    },
  },
  {
    id: 'essential-container-exited',
    hint: (facts) => {
      if (!facts.stoppedReason?.includes('Essential container in task exited')) return undefined;
      const failed = failedContainer(facts);
      if (!failed?.name) return 'The application stopped: read its exit code and its last log lines.';
      return `The application in container '${failed.name}' stopped${failed.exitCode === undefined ? '' : ` with exit code ${failed.exitCode}`}: its last log lines say why.`;
    },
  },
];

/** The hint of the first family that knows this task, or undefined: no invented hint. */
export function hintFor(facts: StoppedTaskFacts): Hint | undefined {
  for (const family of HINT_FAMILIES) {
    const line = family.hint(facts);
    if (line) return { family, line };
  }
  return undefined;
}
