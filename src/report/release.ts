/**
 * The per-service part of a deploy's outputs and job summary: the `services-result` output (one
 * JSON entry per service, for one service too) and, for a release of several, a row per service
 * right under the verdict.
 */
import { shortRevision } from '../aws/arn.js';
import type { Result, RunReport, ServiceReport, SmokeOutcome } from './types.js';
import { digestEntries } from '../digests/report.js';

/** One entry of the `services-result` output. */
export interface ServiceResult {
  service: string;
  /** The service's own verdict; 'not-updated' when the release ended before updating it. */
  result: Result | 'not-updated';
  sentence: string;
  taskDefinitionArn?: string;
  previousTaskDefinitionArn?: string;
  registered?: boolean;
  serviceDeploymentArn?: string;
  rolledBackTo?: string;
  /** The revision it runs now, as last seen. */
  runningTaskDefinition?: string;
  /** 'release': it was put back because another service of the release failed. */
  rolledBackBecause?: 'itself' | 'release';
  smoke?: { passed: boolean; exitCode?: number; error?: string; cancelled?: boolean };
  digests?: ReturnType<typeof digestEntries>;
}

function smokeResult(smoke: SmokeOutcome | undefined): ServiceResult['smoke'] {
  if (!smoke) return undefined;
  const decided = smoke.tasks.find((task) => !task.passed) ?? smoke.tasks.at(-1);
  return { passed: smoke.passed, ...(decided?.exitCode !== undefined && { exitCode: decided.exitCode }), ...(smoke.error && { error: smoke.error }), ...(smoke.cancelled && { cancelled: true }) };
}

function entry(one: ServiceReport): ServiceResult {
  const { report } = one;
  const byRelease = one.byRelease?.ended === 'rolled-back';
  return {
    service: report.service!,
    result: one.updated ? report.result : 'not-updated',
    sentence: report.sentence,
    taskDefinitionArn: report.taskDefinitionArn,
    previousTaskDefinitionArn: report.previousTaskDefinitionArn,
    registered: report.registered,
    serviceDeploymentArn: report.serviceDeploymentArn,
    rolledBackTo: report.rolledBackTo,
    runningTaskDefinition: report.runningTaskDefinition,
    rolledBackBecause: byRelease ? 'release' : report.rolledBackTo ? 'itself' : undefined,
    smoke: smokeResult(report.smoke),
    digests: report.digests && digestEntries(report.digests),
  };
}

/** The `services-result` output: the release's services (one, with the single-service inputs). */
export function serviceResults(report: RunReport): ServiceResult[] | undefined {
  return report.services?.map(entry);
}

type Markdown = { code: (text: string) => string; escape: (text: string) => string; link: (report: RunReport) => string };

function status(one: ServiceReport): string {
  const { report } = one;
  if (!one.updated) return '⏸️ not updated';
  if (one.byRelease?.ended === 'rolled-back') return '↩️ rolled back by the release';
  if (report.result === 'deployed' || report.result === 'started') return `✅ ${report.result}`;
  if (report.result === 'rolled-back' || report.result === 'smoke-failed-rolled-back') return `❌ ${report.result}`;
  return `${report.result === 'superseded' ? '⚠️' : '❌'} ${report.result}`;
}

function checks(report: RunReport): string {
  if (!report.smoke) return '';
  const decided = smokeResult(report.smoke)!;
  if (decided.passed) return '✅ smoke check passed';
  if (report.smoke.cancelled) return '⏹️ smoke check stopped before its verdict';
  return `❌ smoke check ${decided.error ? 'could not run' : `failed${decided.exitCode === undefined ? '' : ` (exit status ${decided.exitCode})`}`}`;
}

/**
 * A row per service of a release of several: its verdict, the revision deployed, what it runs
 * now, its checks and its deployment in the console; then each service's sentence.
 */
export function releaseRows(report: RunReport, markdown: Markdown): string | undefined {
  if (!report.services || report.services.length < 2) return undefined;
  const { code, escape, link } = markdown;
  const rows = report.services.map((one) => {
    const own = one.report;
    return `| ${code(own.service!)} | ${status(one)} | ${own.taskDefinitionArn ? code(shortRevision(own.taskDefinitionArn)) : ''} | ${code(shortRevision(own.runningTaskDefinition))} | ${checks(own)} | ${link(own)} |`;
  });
  const sentences = report.services.map((one) => `- **${escape(one.report.service!)}**: ${escape(one.report.sentence)}`);
  return [
    ['| Service | Result | Revision deployed | Runs now | Checks | Deployment |', '|---|---|---|---|---|---|', ...rows].join('\n'),
    sentences.join('\n'),
  ].join('\n\n');
}

