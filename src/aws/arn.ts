/** The last path segment of an ARN: a task's id, a service's or cluster's name, `web:8` of a task definition. */
export function lastSegment(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** `web:8` from `arn:aws:ecs:eu-west-1:123456789012:task-definition/web:8`; '(none)' when there is none. */
export function shortRevision(arn: string | undefined): string {
  return arn ? lastSegment(arn) : '(none)';
}
