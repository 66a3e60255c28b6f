/**
 * The job summary: the outcome first, in one sentence, then what a reader needs to check it
 * (revisions, a console link, the timeline, why it failed, the smoke check, the events).
 * Everything that came from ECS or a container is escaped so it cannot break the Markdown.
 */
import * as core from '@actions/core';
import { lastSegment, shortRevision } from '../aws/arn.js';
import { digestSection } from '../digests/report.js';
import { timingsSection } from '../timings/section.js';
import { scheduledTasksSection } from '../schedules/summary.js';
import { formatTime } from '../watch/events.js';
import { splitExplanation, type StoppedGroup } from './diagnosis.js';
import { releaseRows } from './release.js';
import { PASSING_RESULTS, type Result, type RunReport, type SmokeOutcome, type WatchOutcome } from './types.js';

const MAX_EVENTS = 30;

function icon(result: Result): string {
  if (PASSING_RESULTS.has(result)) return '✅';
  return result === 'superseded' ? '⚠️' : '❌';
}

/** The AWS console's domain for a region's partition. */
function consoleDomain(region: string): string {
  if (region.startsWith('cn-')) return 'console.amazonaws.cn';
  if (region.startsWith('us-gov-')) return 'console.amazonaws-us-gov.com';
  return 'console.aws.amazon.com';
}

/** The service's deployments page in the ECS console, or one deployment's page when its id (or ARN) is given. */
export function consoleUrl(region: string, cluster: string, service: string, deploymentId?: string): string {
  const path = [
    'ecs/v2/clusters',
    encodeURIComponent(lastSegment(cluster)),
    'services',
    encodeURIComponent(lastSegment(service)),
    'deployments',
    ...(deploymentId ? [encodeURIComponent(lastSegment(deploymentId))] : []),
  ].join('/');
  return `https://${region}.${consoleDomain(region)}/${path}?region=${encodeURIComponent(region)}`;
}

/** Text from outside (ECS messages, reasons) as inert Markdown: one line, no markup, no HTML. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/^(\s*)([#+-]|\d+[.)])/, '$1\\$2');
}

/** Task definition ARNs as `family:revision`, the way the overview and every headline name revisions. */
export function revisionNames(text: string): string {
  return text.replace(/\barn:aws[\w-]*:ecs:[\w-]+:\d{12}:task-definition\/([\w-]+:\d+)\b/g, '$1');
}

/** Text from the run (sentences, labels, explanation lines) for the summary: revisions named alike, then escaped. */
function words(text: string): string {
  return escapeMarkdown(revisionNames(text));
}

function code(text: string): string {
  return /[`|\n]/.test(text) ? escapeMarkdown(text) : `\`${text}\``;
}

/** A fenced block whose fence is longer than any backtick run inside, so the content cannot close it. */
export function codeBlock(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text.replace(/\n$/, '')}\n${fence}`;
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** A service's deployments (or its service deployment) in the ECS console. */
function serviceLink(report: RunReport): string {
  const label = report.serviceDeploymentArn ? escapeMarkdown(lastSegment(report.serviceDeploymentArn)) : 'deployments';
  return `[${label}](${consoleUrl(report.region, report.cluster, report.service!, report.serviceDeploymentArn)})`;
}

function overview(report: RunReport): string {
  const rows: string[][] = [['Result', code(report.result)], ['Cluster', code(report.cluster)]];
  if (report.service) rows.push(['Service', code(report.service)]);
  if (report.previousTaskDefinitionArn) rows.push(['Revision before', code(shortRevision(report.previousTaskDefinitionArn))]);
  if (report.taskDefinitionArn) {
    const label = report.mode === 'rollback' ? 'Revision rolled back to' : report.mode === 'run-task' ? 'Revision run' : 'Revision deployed';
    rows.push([label, `${code(shortRevision(report.taskDefinitionArn))}${report.registered ? ' (registered by this run)' : ''}`]);
  }
  if (report.runTask) {
    const task = report.runTask;
    const id = task.taskArn ? `${code(lastSegment(task.taskArn))}, ` : '';
    rows.push(['Release task', `${task.passed ? '✅' : '❌'} ${id}${words(task.reason)}`]);
  }
  if (report.rolledBackTo) rows.push(['Rolled back to', code(shortRevision(report.rolledBackTo))]);
  if (report.runningTaskDefinition) rows.push(['Service is on', code(shortRevision(report.runningTaskDefinition))]);
  if (report.service) rows.push(['ECS console', serviceLink(report)]);
  return table(['', ''], rows);
}

function timeline(report: RunReport): string | undefined {
  if (report.timeline.length === 0) return undefined;
  // Sorted by the instant (stable, so equal instants keep the order they were recorded in).
  const entries = [...report.timeline].sort((a, b) => a.at.getTime() - b.at.getTime());
  return `### Timeline\n\n${table(['Time (UTC)', 'Step'], entries.map((entry) => [formatTime(entry.at), words(entry.label)]))}`;
}

/** Indented explanation lines (container details) become nested items under their task group. */
function explanation(lines: string[], heading: string): string | undefined {
  if (lines.length === 0) return undefined;
  const items = lines.map((line) => (line.startsWith('  ') ? `  - ${words(line.trim())}` : `- ${words(line)}`));
  return `### ${heading}\n\n${items.join('\n')}`;
}

/** A group of stopped tasks as a list item, its container lines (and its fix, when asked) nested. */
function groupItem(group: StoppedGroup, withFix: boolean): string {
  const nested = [...group.containers.map((line) => `  - ${words(line)}`), ...(withFix && group.fix ? [`  - **Fix:** ${words(group.fix)}`] : [])];
  return [`- ${words(group.cause)}`, ...nested].join('\n');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function smoke(outcome: SmokeOutcome): string {
  const verdict = outcome.passed ? 'passed' : 'failed';
  const rows = outcome.tasks.map((task) => [
    code(lastSegment(task.taskArn)),
    code(task.container),
    `${task.passed ? '✅' : '❌'} ${escapeMarkdown(task.reason)}`,
    task.exitCode === undefined ? 'unknown' : String(task.exitCode),
    seconds(task.durationMs),
    String(task.attempts),
  ]);
  const outputs = outcome.tasks
    .filter((task) => task.output !== '')
    .map((task) => `<details><summary>Output of task ${escapeMarkdown(lastSegment(task.taskArn))} (${escapeMarkdown(task.container)})</summary>\n\n${codeBlock(task.output)}\n\n</details>`);
  return [
    `### Smoke check ${outcome.error ? 'could not run' : verdict}`,
    `Command: ${code(outcome.command)}`,
    ...(outcome.error ? [`❌ ${words(outcome.error)}`] : []),
    ...(rows.length > 0 ? [table(['Task', 'Container', 'Result', 'Exit status', 'Duration', 'Attempts'], rows)] : []),
    ...outputs,
  ].join('\n\n');
}

function rollbackAfterSmoke(outcome: WatchOutcome): string {
  return [
    '### Rollback after the failed smoke check',
    `${icon(outcome.verdict)} ${words(outcome.sentence)}`,
    explanation(outcome.explanation, 'Why the rollback failed'),
  ]
    .filter((part) => part !== undefined)
    .join('\n\n');
}

function events(report: RunReport): string | undefined {
  if (report.events.length === 0) return undefined;
  const shown = report.events.slice(-MAX_EVENTS);
  const omitted = report.events.length - shown.length;
  const note = omitted > 0 ? `\n\n${omitted} earlier events not shown.` : '';
  const rows = shown.map((event) => [formatTime(event.at), escapeMarkdown(event.message)]);
  return `### Service events\n\n${table(['Time (UTC)', 'Event'], rows)}${note}`;
}

/** Whether the headline already says this line (the explanation often opens with the headline's first sentence). */
function saidIn(sentence: string, line: string): boolean {
  const plain = revisionNames(line).trim().replace(/\.$/, '');
  return plain !== '' && revisionNames(sentence).includes(plain);
}

/**
 * The explanation in three parts, each line once: the cause and its fix first (with the app's own
 * last log lines), then what else explains the failure and is not in the headline, then the tasks
 * ECS stopped to scale in, which are not failures.
 */
function diagnosis(report: RunReport): { lead?: string; why?: string; notFailures?: string } {
  const split = splitExplanation(report.explanation);
  // Groups with a fix are the failure; the others (tasks the scheduler replaced) stay in the details.
  const led = split.causes.some((c) => c.fix) ? split.causes.filter((c) => c.fix) : split.causes;
  const rest = split.causes.filter((group) => !led.includes(group));
  const hasLead = led.length > 0 || split.logs.length > 0;
  const lead = hasLead
    ? [
        '### Cause and fix',
        ...(led.length > 0 ? [led.map((group) => groupItem(group, true)).join('\n')] : []),
        ...split.logs.map(({ header, lines }) => `Last log lines of ${words(header)}:\n\n${codeBlock(lines.join('\n'))}`),
        ...split.unavailable.map((line) => `ℹ️ ${words(line)}`),
      ].join('\n\n')
    : undefined;
  const details = split.details.filter((line) => !saidIn(report.sentence, line));
  const items = [...details.map((line) => `- ${words(line)}`), ...rest.map((group) => groupItem(group, false))];
  if (!hasLead) items.push(...split.unavailable.map((line) => `- ${words(line)}`));
  const why = items.length > 0 ? `### Why it failed\n\n${items.join('\n')}` : undefined;
  const notFailures =
    split.scaledIn.length > 0
      ? `### Stopped to scale in, not failures\n\nECS stopped these tasks to scale in (a rollback replacing the new revision, or a lower desired count).\n\n${split.scaledIn.map((group) => groupItem(group, false)).join('\n')}`
      : undefined;
  return { lead, why, notFailures };
}

/** The whole summary as Markdown; the first line is the outcome, then the cause and fix, the log excerpt, the details. */
export function renderSummary(report: RunReport): string {
  const { lead, why, notFailures } = diagnosis(report);
  return [
    `## ${icon(report.result)} ${words(report.sentence)}`,
    releaseRows(report, { code, escape: words, link: serviceLink }),
    lead,
    overview(report),
    timeline(report),
    why,
    notFailures,
    report.digests && digestSection(report.digests, escapeMarkdown),
    report.smoke && smoke(report.smoke),
    report.rollback && rollbackAfterSmoke(report.rollback),
    timingsSection(report.timings, escapeMarkdown),
    report.scheduledTasks && scheduledTasksSection(report.scheduledTasks, { escape: escapeMarkdown, code, table }),
    events(report),
  ]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join('\n\n')
    .concat('\n');
}

export async function writeSummary(report: RunReport): Promise<void> {
  await core.summary.addRaw(renderSummary(report)).write();
}
