/**
 * Reading SDK errors (their name, HTTP status, kind) and wrapping them as
 * "what was attempted: what AWS said. what to do".
 */
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { ActionError, errorMessage } from '../errors.js';

const UNAVAILABLE_OPERATION = new Set(['UnknownOperationException', 'UnsupportedOperationException', 'UnsupportedOperation']);

export const PASS_ROLE_HINT =
  "The role running this job must be allowed 'iam:PassRole' on the task definition's executionRoleArn and taskRoleArn (with condition iam:PassedToService = ecs-tasks.amazonaws.com).";

/** The AWS error code (`__type` / exception name) of an SDK error, if it has one. */
export function awsErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const named = error as { name?: unknown; Code?: unknown; code?: unknown };
  for (const candidate of [named.name, named.Code, named.code]) {
    if (typeof candidate === 'string' && candidate !== 'Error') return candidate;
  }
  return undefined;
}

const CREDENTIAL_ERRORS = new Set([
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'CredentialsProviderError',
]);

export function isCredentialError(error: unknown): boolean {
  const name = awsErrorName(error);
  return name !== undefined && CREDENTIAL_ERRORS.has(name);
}

export function isAccessDenied(error: unknown): boolean {
  const name = awsErrorName(error);
  return name === 'AccessDeniedException' || name === 'AccessDenied';
}

export function isThrottling(error: unknown): boolean {
  return typeof error === 'object' && error !== null && isThrottlingError(error as Parameters<typeof isThrottlingError>[0]);
}

/**
 * Whether asking again may get another answer: throttling, a 5xx, a connection reset or refused,
 * a timeout, or an error the service marked retryable. The SDK's own classification (the one its
 * retry strategy uses), so a phase retries exactly what the SDK would have retried.
 */
export function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const sdkError = error as Parameters<typeof isTransientError>[0];
  return isThrottlingError(sdkError) || isTransientError(sdkError) || isServerError(sdkError);
}

/** A hint for the errors whose fix does not depend on the call that failed. */
function genericHint(error: unknown): string | undefined {
  const name = awsErrorName(error);
  const message = errorMessage(error);
  // The SDK's provider chain found nothing at all: not a credential to refresh, one to provide.
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return 'No AWS credentials were found: add aws-actions/configure-aws-credentials before this step (for OIDC, the job needs permissions id-token: write).';
  }
  if (isCredentialError(error)) {
    return 'The AWS credentials are invalid or expired: refresh them (for example with aws-actions/configure-aws-credentials and a longer role-duration-seconds) and run the job again.';
  }
  if (/Region is missing/i.test(message)) {
    return "No AWS region is set: set AWS_REGION (aws-actions/configure-aws-credentials does) or the step's env.";
  }
  if (isAccessDenied(error)) {
    const action = /not authorized to perform: ([\w:*-]+)/.exec(message)?.[1];
    return action
      ? `Grant '${action}' to the role this job runs as.`
      : 'Grant the missing permission to the role this job runs as (see the README for the minimal IAM policy).';
  }
  if (isThrottling(error)) {
    return "AWS throttled the request after every retry: raise 'max-retries' or spread out concurrent deployments.";
  }
  return undefined;
}

/**
 * Wraps an SDK error as "Could not <attempt>: <Name>: <AWS message>. <hint>".
 * `hint` wins over the generic hints because it knows the call.
 */
export function awsFailure(attempt: string, error: unknown, hint?: string): ActionError {
  if (error instanceof ActionError) return error;
  const name = awsErrorName(error);
  const said = errorMessage(error).trim() || '(no message)';
  const aws = name && !said.startsWith(name) ? `${name}: ${said}` : said;
  const fix = hint ?? genericHint(error);
  return new ActionError(`Could not ${attempt}: ${fix ? `${sentence(aws)} ${fix}` : aws}`);
}

/** AWS's message ended as a sentence, so the hint after it reads as the next one. */
function sentence(text: string): string {
  return /[.!?]["')\]]*$/.test(text) ? text : `${text}.`;
}

/** Errors meaning the Service Deployments API cannot be used here, so deployments[].rolloutState must do. */
export function isServiceDeploymentsUnavailable(error: unknown): boolean {
  return isAccessDenied(error) || UNAVAILABLE_OPERATION.has(awsErrorName(error) ?? '');
}
