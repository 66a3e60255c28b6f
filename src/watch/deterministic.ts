/**
 * Which stopped-task reasons will not change on a retry (ECS "stopped task error codes" pages;
 * reference ecs-strategies-tasks-logs.md section 7). Kept as a table of error families so it can
 * be folded into the stopped-task hint table with its `deterministic` flag.
 */

export interface DeterministicFamily {
  family: 'image-missing' | 'image-denied' | 'secret-denied' | 'secret-reference' | 'log-group';
  /** What will not change, in words. */
  meaning: string;
  /**
   * An IAM denial. IAM is eventually consistent ("Changes that I make are not always immediately
   * visible", IAM User Guide, Troubleshoot IAM), so one denied task seconds after a pipeline
   * granted the permission proves nothing yet: stops.ts waits for a task started after it.
   */
  iam: boolean;
}

interface Rule extends Omit<DeterministicFamily, 'iam'> {
  /** Every pattern must occur in the stoppedReason. */
  all: RegExp[];
  /** Whether the reason is an IAM denial; the family's own patterns when every reason of it is. */
  iam: boolean | RegExp;
}

const DENIED = /AccessDenied|not authorized/i;

/**
 * A network path that fails (timeouts, cancelled requests, a killed agent) may work on the next
 * attempt, so such a reason is never deterministic, whatever else it says.
 */
const TRANSIENT = /i\/o timeout|timed? ?out|context canceled|request canceled|connection (reset|refused)|signal: killed|no such host|TooManyRequests|Throttl|RequestLimitExceeded|ServiceUnavailable|InternalError/i;

const RULES: Rule[] = [
  {
    family: 'image-missing',
    meaning: 'the image does not exist',
    all: [/CannotPullContainerError/, /not found|manifest unknown|does not exist|no such image/i],
    iam: false,
  },
  {
    family: 'image-denied',
    meaning: 'the image may not be pulled with the execution role',
    all: [/CannotPullContainerError/, /access denied|denied|unauthorized|forbidden|AccessDeniedException/i],
    iam: true,
  },
  {
    family: 'secret-denied',
    meaning: 'the execution role may not read a secret or the registry credentials',
    all: [/ResourceInitializationError/, /secret|ssm|parameter|registry auth/i, /AccessDeniedException|not authorized|KMS.*(denied|disabled)/i],
    iam: DENIED,
  },
  {
    family: 'secret-reference',
    meaning: 'a secret reference is malformed or names nothing',
    all: [/ResourceInitializationError/, /secret|ssm|parameter/i, /ResourceNotFoundException|ParameterNotFound|InvalidParameter|ValidationException|invalid (arn|parameter)|can't find/i],
    iam: false,
  },
  {
    family: 'log-group',
    meaning: 'the log group does not exist or may not be written',
    all: [/ResourceInitializationError/, /logging driver|logger|log stream|log group/i, /ResourceNotFoundException|log group does not exist|AccessDeniedException/i],
    iam: DENIED,
  },
];

/** The family of a stoppedReason that a retry cannot fix, or undefined for one that a retry may. */
export function deterministicFamily(stoppedReason: string | undefined): DeterministicFamily | undefined {
  if (!stoppedReason || TRANSIENT.test(stoppedReason)) return undefined;
  const rule = RULES.find((candidate) => candidate.all.every((pattern) => pattern.test(stoppedReason)));
  if (!rule) return undefined;
  return { family: rule.family, meaning: rule.meaning, iam: rule.iam === true || (rule.iam !== false && rule.iam.test(stoppedReason)) };
}
