/** The per-service rows of a release's job summary and its `services-result` output. */
import { describe, expect, it } from '@jest/globals';
import { releaseRows, serviceResults } from '../../src/report/release.js';
import type { RunReport, ServiceReport, SmokeOutcome } from '../../src/report/types.js';

const ARN = (family: string, n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:${n}`;
const markdown = { code: (text: string) => `\`${text}\``, escape: (text: string) => text, link: (report: RunReport) => `[${report.service}]` };

function member(service: string, extra: Partial<RunReport>, one: Partial<ServiceReport> = {}): ServiceReport {
  const report: RunReport = { mode: 'deploy', region: 'us-east-1', cluster: 'demo', service, result: 'deployed', sentence: `${service} sentence.`, timeline: [], events: [], explanation: [], ...extra };
  return { report, updated: true, ...one };
}

const smoke = (extra: Partial<SmokeOutcome>): SmokeOutcome => ({ passed: false, command: 'healthcheck', tasks: [], ...extra });

function release(...services: ServiceReport[]): RunReport {
  return { mode: 'deploy', region: 'us-east-1', cluster: 'demo', result: 'rolled-back', sentence: '', timeline: [], events: [], explanation: [], services };
}

describe('releaseRows', () => {
  it('a row per service: its verdict, the revision deployed, what it runs now and its checks', () => {
    const rows = releaseRows(
      release(
        member('web', { result: 'deployed', taskDefinitionArn: ARN('web', 7), runningTaskDefinition: ARN('web', 2), smoke: smoke({ cancelled: true, error: 'The smoke check was cancelled.' }) }, { byRelease: { ended: 'rolled-back', sentence: '' } }),
        member('worker', { result: 'smoke-failed-rolled-back', taskDefinitionArn: ARN('worker', 2), runningTaskDefinition: ARN('worker', 1), smoke: smoke({ tasks: [{ taskArn: 't', container: 'worker', exitCode: 3, passed: false, reason: 'exit status 3', durationMs: 1, output: '', attempts: 1 }] }) }),
        member('admin', { result: 'failed', runningTaskDefinition: ARN('admin', 4) }, { updated: false }),
      ),
      markdown,
    )!;
    expect(rows.split('\n').slice(2, 5)).toEqual([
      '| `web` | ↩️ rolled back by the release | `web:7` | `web:2` | ⏹️ smoke check stopped before its verdict | [web] |',
      '| `worker` | ❌ smoke-failed-rolled-back | `worker:2` | `worker:1` | ❌ smoke check failed (exit status 3) | [worker] |',
      '| `admin` | ⏸️ not updated |  | `admin:4` |  | [admin] |',
    ]);
    expect(rows).toContain('- **worker**: worker sentence.');
  });

  it('is left out for one service: the summary of one service stays as it was', () => {
    expect(releaseRows(release(member('web', {})), markdown)).toBeUndefined();
  });
});

describe('serviceResults', () => {
  it('one entry per service, a check the release stopped marked as such, a service never updated as not-updated', () => {
    const entries = serviceResults(
      release(
        member('web', { taskDefinitionArn: ARN('web', 7), smoke: smoke({ cancelled: true, error: 'stopped' }) }, { byRelease: { ended: 'rolled-back', sentence: '' } }),
        member('admin', { result: 'failed' }, { updated: false }),
      ),
    )!;
    expect(entries.map((entry) => [entry.service, entry.result, entry.rolledBackBecause, entry.smoke])).toEqual([
      ['web', 'deployed', 'release', { passed: false, error: 'stopped', cancelled: true }],
      ['admin', 'not-updated', undefined, undefined],
    ]);
  });
});
