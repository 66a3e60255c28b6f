import { describe, expect, it } from '@jest/globals';
import { getInputs } from '../../src/inputs.js';
import { withServices } from '../../src/release/services-input.js';

function read(values: Record<string, string>) {
  return (name: string): string => values[name] ?? '';
}

const parse = async (values: Record<string, string>) => withServices(getInputs(read({ cluster: 'demo', ...values }), '/ws'));

const TWO = `- service: web
  task-definition: deploy/web.json
  smoke-command: curl -fsS localhost:8080/healthz
  smoke-expect: ok
- service: worker
  smoke-command: ./healthcheck
  smoke-container: app
- cron`;

describe('the services input', () => {
  it('reads the list: a file per item or none, smoke settings per item, the other smoke-* inputs shared', async () => {
    const inputs = await parse({ services: TWO, 'smoke-timeout-seconds': '20', 'smoke-expect': 'healthy' });
    const [web, worker, cron] = inputs.release.services;
    expect(inputs.release).toMatchObject({ listed: true, rollbackScope: 'all', maxParallelUpdates: 5 });
    expect(web).toMatchObject({ name: 'web', taskDefinitionInput: 'deploy/web.json', taskDefinitionPath: '/ws/deploy/web.json' });
    expect(web.smoke).toMatchObject({ command: 'curl -fsS localhost:8080/healthz', timeoutSeconds: 20, shell: '/bin/sh', tasks: 1 });
    expect(web.smoke!.expect!.source).toBe('ok');
    expect(worker).toMatchObject({ name: 'worker', smoke: { command: './healthcheck', container: 'app', timeoutSeconds: 20 } });
    expect(worker.taskDefinitionPath).toBeUndefined();
    expect(worker.smoke!.expect!.source).toBe('healthy');
    expect(cron).toEqual({ name: 'cron', smoke: undefined });
  });

  it('the single-service inputs are a one-item list of the same shape, and nothing else changes', async () => {
    const inputs = await parse({ service: 'web', 'task-definition': 'td.json', 'smoke-command': 'true', 'smoke-container': 'app' });
    expect(inputs.release).toMatchObject({ listed: false, rollbackScope: 'all', maxParallelUpdates: 5 });
    expect(inputs.release.services).toEqual([{ name: 'web', taskDefinitionInput: 'td.json', taskDefinitionPath: '/ws/td.json', smoke: inputs.smoke }]);
    expect(inputs).toMatchObject({ service: 'web', taskDefinitionPath: '/ws/td.json', smoke: { command: 'true', container: 'app' } });
    expect((await parse({ 'task-definition': 'td.json' })).release.services).toEqual([]);
    expect((await parse({ mode: 'smoke', service: 'web', 'smoke-command': 'true' })).release.services).toEqual([]);
  });

  it('reads rollback-scope, max-parallel-updates and run-task-service', async () => {
    const inputs = await parse({ services: '- web\n- worker', 'rollback-scope': 'failed', 'max-parallel-updates': '2', 'run-task': 'true', 'run-task-service': 'worker' });
    expect(inputs.release).toMatchObject({ rollbackScope: 'failed', maxParallelUpdates: 2, runTaskService: 'worker' });
  });

  it.each([
    [{ services: 'web' }, "Invalid input 'services': 'web'. Expected a YAML list of services, one item per service: '- service: web' (with optional 'task-definition', 'smoke-command', 'smoke-container', 'smoke-expect') or '- web'."],
    [{ services: '- service: web\n  smoke-comand: true' }, "Invalid input 'services': 'smoke-comand'. Expected one of the keys 'service', 'task-definition', 'smoke-command', 'smoke-container', 'smoke-expect' (line 2, column 3)."],
    [{ services: '- service: web\n- task-definition: w.json' }, "Invalid input 'services': 'task-definition: w.json'. Expected a 'service' key naming the ECS service (line 2, column 3)."],
    [{ services: '- web\n- web' }, "Invalid input 'services': 'web'. Expected each service listed once (line 2, column 3)."],
    [{ services: '- service: web\n- service: [a, b]' }, "Invalid input 'services': '[a, b]'. Expected 'service' to be a non-empty string (line 2, column 12)."],
    [{ services: '- service: web app' }, "Invalid input 'services': 'web app'. Expected a service name (letters, digits, - and _) or a service ARN (line 1, column 3)."],
    [{ services: '- service: web\n  smoke-container: app' }, "Invalid input 'services': 'app'. Expected 'smoke-container' only on an item with a 'smoke-command' (service 'web' has none) (line 1, column 3)."],
    [{ services: '- service: web\n  smoke-command: x\n  smoke-expect: (' }, "Invalid input 'services': '('. Expected 'smoke-expect' as a JavaScript regular expression (Invalid regular expression: /(/m: Unterminated group) (line 1, column 3)."],
    [{ services: '- [web]' }, "Invalid input 'services': '[web]'. Expected each item a service name ('- web') or a map with 'service' ('- service: web') (line 1, column 3)."],
    [{ services: '- service: web\n   task-definition: x' }, "Invalid input 'services': '- service: web'. Expected a YAML list such as '- service: web' (indent the keys of one item alike) (line 1, column 12: YAML BLOCK_AS_IMPLICIT_KEY)."],
    [{ services: '- service: web\n  service: api' }, "Invalid input 'services': 'service: api'. Expected a YAML list such as '- service: web' (indent the keys of one item alike) (line 2, column 3: YAML DUPLICATE_KEY)."],
    [{ services: Array.from({ length: 21 }, (_, i) => `- s${i}`).join('\n') }, "Invalid input 'services': '21 services'. Expected at most 20 services (one DescribeServiceDeployments request watches them all)."],
    [{ services: '- web', service: 'web' }, "Invalid input 'service': 'web'. Expected to be empty when 'services' is set; give each service as a '- service: <name>' item of 'services'."],
    [{ services: '- web', 'task-definition': 'td.json' }, "Invalid input 'task-definition': 'td.json'. Expected to be empty when 'services' is set; give a 'task-definition' key on each item of 'services' that has its own file."],
    [{ services: '- web', 'task-definition-arn': 'web:3' }, "Invalid input 'task-definition-arn': 'web:3'. Expected to be empty when 'services' is set; give a 'task-definition' file per item of 'services' (an item without one deploys its current revision with 'container-images' applied)."],
    [{ services: '- web', 'smoke-command': 'true' }, "Invalid input 'smoke-command': 'true'. Expected to be empty when 'services' is set; give a 'smoke-command' key on each item of 'services' that has a smoke check."],
    [{ services: '- web', 'smoke-container': 'app' }, "Invalid input 'smoke-container': 'app'. Expected to be empty when 'services' is set; give a 'smoke-container' key on the item of 'services' it belongs to."],
    [{ services: '- web', 'desired-count': '2' }, "Invalid input 'desired-count': '2'. Expected to be empty when 'services' is set; give each service's own desired count, set outside this step."],
    [{ services: '- web', mode: 'rollback' }, "Invalid input 'services': '- web'. Expected to be empty in mode 'rollback' (a release of several services is a deploy)."],
    [{ services: '- web', 'rollback-scope': 'some' }, "Invalid input 'rollback-scope': 'some'. Expected one of 'all', 'failed'."],
    [{ services: '- web', 'max-parallel-updates': '0' }, "Invalid input 'max-parallel-updates': '0'. Expected a whole number between 1 and 20."],
    [{ services: '- web', 'run-task-service': 'web' }, "Invalid input 'run-task-service': 'web'. Expected to be empty unless 'run-task' is 'true' (it chooses where the release task runs)."],
    [{ services: '- web', 'run-task': 'true', 'run-task-service': 'api' }, "Invalid input 'run-task-service': 'api'. Expected one of the services in 'services' ('web')."],
    [{ service: 'web', 'task-definition': 'td.json', 'run-task': 'true', 'run-task-service': 'api' }, "Invalid input 'run-task-service': 'api'. Expected the service the step deploys ('web'), or empty."],
    [{ services: '- service: web\n  smoke-command: true', 'wait-for-service-stability': 'false' }, "Invalid input 'wait-for-service-stability': 'false'. Expected 'true' when a service has a 'smoke-command' ('web' has one; the smoke check runs once its deployment has completed)."],
    [{ services: '- web', 'smoke-tasks': '0' }, "Invalid input 'smoke-tasks': '0'. Expected a whole number of tasks (1 or more) or 'all'."],
  ])('refuses %j', async (values, message) => {
    await expect(parse(values)).rejects.toThrow(message);
  });

  it('a syntax error quotes the line, never the parser\'s own message', async () => {
    const error = await parse({ services: '- service: "web\n- worker' }).catch((caught: Error) => caught);
    expect((error as Error).message).toMatch(/^Invalid input 'services': .*\(line \d+, column \d+: YAML [A-Z_]+\)\.$/);
    expect((error as Error).message).not.toMatch(/\^/);
  });
});
