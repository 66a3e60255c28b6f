/**
 * A staged (BLUE_GREEN, LINEAR, CANARY) deployment needs the Service Deployments API to be judged:
 * without it, the action refuses before it changes anything, instead of watching deployments[]
 * that are no verdict (dist/index.js against the emulator).
 */
import { describe, expect, it } from '@jest/globals';
import { REVISION, deployInputs } from './run-case.js';
import { runChanged } from './edges-support.js';

const deny = (operations) => (scenario) => (scenario.faults = { ...(scenario.faults ?? {}), accessDenied: operations });

describe('the Service Deployments API a staged deployment needs (dist/index.js against the emulator)', () => {
  it('blue/green with a PAUSE hook, ListServiceDeployments denied: refused before UpdateService, the service untouched', async () => {
    const { run, services, requests } = await runChanged('bg-pause', deny(['ListServiceDeployments', 'DescribeServiceDeployments']), deployInputs('v2', { 'smoke-command': 'healthcheck' }));
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(run.errors.at(-1)).toMatch(
      /^Did not deploy to service 'web' in cluster 'demo': the service deploys with the BLUE_GREEN strategy, .* Nothing was changed: the service runs web:1\. Grant ecs:ListServiceDeployments, ecs:DescribeServiceDeployments and ecs:DescribeServiceRevisions/,
    );
    expect(requests('UpdateService')).toHaveLength(0);
    expect(services.web.taskDefinition).toBe(REVISION(1));
  });

  it('a rolling service with the same permissions missing is still deployed, watched through rolloutState', async () => {
    const { run, requests } = await runChanged('no-service-deployments-api', () => undefined, deployInputs('v2'));
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('deployed');
    expect(requests('UpdateService')).toHaveLength(1);
    expect(run.stdout).toContain('so the watch falls back to deployments[].rolloutState');
  });
});
