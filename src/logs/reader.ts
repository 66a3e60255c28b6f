/**
 * Reading a container's CloudWatch Logs stream: its last lines (explanations) and a tail that
 * follows `nextForwardToken` (the release task). Loaded on demand, so steps that never read
 * logs do not pay for the CloudWatch Logs client at start-up.
 */
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { awsErrorName } from '../aws/errors.js';
import { USER_AGENT } from '../constants.js';
import { errorMessage } from '../errors.js';
import type { LogStream } from './source.js';

const clients = new Map<string, CloudWatchLogsClient>();

/** One client per region: awslogs-region may differ from the cluster's. Honours AWS_ENDPOINT_URL like the others. */
export function logsClient(region: string, maxAttempts: number): CloudWatchLogsClient {
  const key = `${region}/${maxAttempts}`;
  if (!clients.has(key)) clients.set(key, new CloudWatchLogsClient({ region, maxAttempts, retryMode: 'standard', customUserAgent: USER_AGENT }));
  return clients.get(key)!;
}

/** GetLogEvents caps a page at 10,000 events; the last N lines come from the end of the stream. */
const MAX_LIMIT = 10_000;

export async function lastLines(logs: CloudWatchLogsClient, source: LogStream, count: number, signal?: AbortSignal): Promise<string[]> {
  const answer = await logs.send(
    new GetLogEventsCommand({ logGroupName: source.group, logStreamName: source.stream, startFromHead: false, limit: Math.min(count, MAX_LIMIT) }),
    { abortSignal: signal },
  );
  return (answer.events ?? []).map((event) => event.message ?? '').slice(-count);
}

/**
 * Follows a stream from its head: each `next()` returns the lines written since the last call.
 * The stream may not exist yet (the container has not written anything): that is no lines.
 */
export class LogTail {
  private token?: string;

  constructor(
    private readonly logs: CloudWatchLogsClient,
    readonly source: LogStream,
  ) {}

  async next(signal?: AbortSignal): Promise<string[]> {
    const lines: string[] = [];
    // The same forward token back means nothing new yet (GetLogEvents, CloudWatch Logs API reference).
    for (let page = 0; page < 20; page++) {
      let answer;
      try {
        answer = await this.logs.send(
          new GetLogEventsCommand({ logGroupName: this.source.group, logStreamName: this.source.stream, startFromHead: true, nextToken: this.token }),
          { abortSignal: signal },
        );
      } catch (error) {
        if (awsErrorName(error) === 'ResourceNotFoundException' && this.token === undefined) return lines;
        throw error;
      }
      lines.push(...(answer.events ?? []).map((event) => event.message ?? ''));
      const same = answer.nextForwardToken === undefined || answer.nextForwardToken === this.token;
      this.token = answer.nextForwardToken ?? this.token;
      if (same || (answer.events ?? []).length === 0) break;
    }
    return lines;
  }
}

/** Why the lines cannot be shown, in one line with what to do; undefined when the error is not one the user can act on. */
export function unreadable(source: LogStream, error: unknown): string {
  const name = awsErrorName(error);
  const where = `stream ${source.stream} in ${source.group}`;
  if (name === 'AccessDeniedException') return `The log lines of ${where} are not shown: the action may not read them (${errorMessage(error)}); grant logs:GetLogEvents and logs:FilterLogEvents on the log group ${source.group}.`;
  if (name === 'ResourceNotFoundException') return `The log lines are not shown: ${where} does not exist in ${source.region} (the container wrote nothing, or its logs expired).`;
  return `The log lines of ${where} could not be read: ${errorMessage(error)}.`;
}
