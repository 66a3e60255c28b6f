import { describe, expect, it } from '@jest/globals';
import { getInputs } from '../src/inputs.js';

function read(values: Record<string, string>) {
  return (name: string): string => values[name] ?? '';
}

const base = { 'task-definition': 'td.json', service: 'web' };

describe('poll-interval-seconds', () => {
  it.each([
    ['0.3', 'http://127.0.0.1:4566', 0.3],
    ['0.3', 'http://localhost:4566', 0.3],
    ['0.3', 'http://[::1]:4566', 0.3],
    ['1', undefined, 1],
    ['2.5', 'https://vpce-0123.ecs.us-east-1.vpce.amazonaws.com', 2.5],
  ])('%s against %s is %s', (value, endpoint, expected) => {
    expect(getInputs(read({ ...base, 'poll-interval-seconds': value }), '/ws', endpoint).pollIntervalSeconds).toBe(expected);
  });

  it.each([
    [undefined, 'it is not set'],
    ['https://vpce-0123.ecs.us-east-1.vpce.amazonaws.com', "it is 'https://vpce-0123.ecs.us-east-1.vpce.amazonaws.com'"],
    ['http://10.0.0.5:4566', "it is 'http://10.0.0.5:4566'"],
  ])('below 1 s against AWS (endpoint %s) is refused', (endpoint, said) => {
    expect(() => getInputs(read({ ...base, 'poll-interval-seconds': '0.3' }), '/ws', endpoint)).toThrow(
      `Invalid input 'poll-interval-seconds': '0.3'. Expected a number from 1 to 300 against AWS (below 1 only when AWS_ENDPOINT_URL points at this machine, as for the local emulator; ${said}).`,
    );
  });
});

describe('getInputs', () => {
  it('applies the documented defaults', () => {
    const inputs = getInputs(read(base), '/ws');
    expect(inputs).toMatchObject({
      mode: 'deploy',
      taskDefinitionInput: 'td.json',
      taskDefinitionPath: '/ws/td.json',
      cluster: 'default',
      service: 'web',
      forceNewDeployment: true,
      enableExecuteCommand: true,
      circuitBreaker: 'rollback',
      verifyImages: true,
      verifyDigests: true,
      skipUnchanged: true,
      maxAttempts: 3,
      waitForServiceStability: true,
      waitForMinutes: 30,
      pollIntervalSeconds: 5,
      rollbackOnFailure: true,
      rollbackTo: 'previous',
      smokeStage: 'auto',
      containerImages: [],
      taskDefinitionTags: [],
    });
    expect(inputs.smoke).toBeUndefined();
    expect(inputs.desiredCount).toBeUndefined();
  });

  it('reads container images, tags and smoke settings', () => {
    const inputs = getInputs(
      read({
        ...base,
        'container-images': 'web = 1.dkr.ecr.us-east-1.amazonaws.com/web:v2\n# sidecar\nlog=fluent-bit:2\n',
        'task-definition-tags': 'commit=abc\nteam=web=shop',
        'smoke-command': 'curl -fsS localhost:8080/healthz',
        'smoke-tasks': 'all',
        'smoke-expect': 'ok$',
        'poll-interval-seconds': '0.25',
      }),
      '/ws',
      'http://127.0.0.1:4566',
    );
    expect(inputs.containerImages).toEqual([
      { container: 'web', image: '1.dkr.ecr.us-east-1.amazonaws.com/web:v2' },
      { container: 'log', image: 'fluent-bit:2' },
    ]);
    expect(inputs.taskDefinitionTags).toEqual([{ key: 'commit', value: 'abc' }, { key: 'team', value: 'web=shop' }]);
    expect(inputs.smoke).toMatchObject({ command: 'curl -fsS localhost:8080/healthz', tasks: 'all', shell: '/bin/sh', client: 'native', retries: 2, timeoutSeconds: 60 });
    expect(inputs.smoke!.expect!.test('status: ok')).toBe(true);
    expect(inputs.pollIntervalSeconds).toBe(0.25);
    expect(getInputs(read({ ...base, 'smoke-stage': 'after-deploy' }), '/ws').smokeStage).toBe('after-deploy');
  });

  it.each([
    [{ 'force-new-deployment': 'yes' }, "Invalid input 'force-new-deployment': 'yes'. Expected 'true' or 'false'."],
    [{ 'circuit-breaker': 'on' }, "Invalid input 'circuit-breaker': 'on'. Expected one of 'rollback', 'detect', 'keep'."],
    [{ 'smoke-stage': 'before-traffic' }, "Invalid input 'smoke-stage': 'before-traffic'. Expected one of 'auto', 'after-deploy'."],
    [{ 'desired-count': '-1' }, "Invalid input 'desired-count': '-1'. Expected a whole number at least 0."],
    [{ 'max-retries': '2.5' }, "Invalid input 'max-retries': '2.5'. Expected a whole number between 1 and 20."],
    [{ 'wait-for-minutes': 'ten' }, "Invalid input 'wait-for-minutes': 'ten'. Expected a number between 0.05 and 720."],
    [{ 'container-images': 'web' }, "Invalid input 'container-images': 'web'. Expected one 'container=image' per line."],
    [{ 'container-images': 'web=a:1\nweb=b:2' }, "Invalid input 'container-images': 'web'. Expected each container named at most once."],
    [{ 'task-definition-tags': '=x' }, "Invalid input 'task-definition-tags': '=x'. Expected one 'key=value' per line."],
    [{ 'task-definition-arn': 'web:3' }, "Invalid input 'task-definition-arn': 'web:3'. Expected to be empty when 'task-definition' is set (exactly one of the two)."],
    [{ 'task-definition': '', 'task-definition-arn': 'web' }, "Invalid input 'task-definition-arn': 'web'. Expected a task definition revision as 'family:revision' or 'arn:aws:ecs:<region>:<account>:task-definition/family:revision'."],
    [{ 'task-definition': '' }, "Invalid input 'task-definition': ''. Expected a task definition file, or a revision in 'task-definition-arn' (exactly one of the two)."],
    [{ mode: 'rollback' }, "Invalid input 'task-definition': 'td.json' (resolved to '/ws/td.json'). Expected no task definition in mode 'rollback' (it deploys nothing new)."],
    [{ mode: 'smoke', 'smoke-command': 'true', 'task-definition': '/abs/td.json' }, "Invalid input 'task-definition': '/abs/td.json'. Expected no task definition in mode 'smoke' (it deploys nothing new)."],
    [{ mode: 'smoke', 'task-definition': '' }, "Invalid input 'smoke-command': ''. Expected a command in mode 'smoke'."],
    [{ 'smoke-command': 'true', 'smoke-tasks': '0' }, "Invalid input 'smoke-tasks': '0'. Expected a whole number of tasks (1 or more) or 'all'."],
    [{ 'smoke-command': 'true', 'smoke-shell': 'sh' }, "Invalid input 'smoke-shell': 'sh'. Expected an absolute path such as '/bin/sh', or 'none'."],
    [{ 'smoke-command': 'true', 'smoke-expect': '(' }, "Invalid input 'smoke-expect': '('. Expected a JavaScript regular expression (Invalid regular expression: /(/m: Unterminated group)."],
    [{ 'smoke-command': 'true', 'exec-client': 'ssm' }, "Invalid input 'exec-client': 'ssm'. Expected one of 'native', 'session-manager-plugin'."],
    [{ 'smoke-command': 'true', 'wait-for-service-stability': 'false' }, "Invalid input 'wait-for-service-stability': 'false'. Expected 'true' when 'smoke-command' is set (the smoke check runs once the deployment has completed)."],
    [{ service: '', 'smoke-command': 'true' }, "Invalid input 'service': ''. Expected a service when 'smoke-command' is set (a smoke check runs in the service's tasks)."],
    [{ mode: 'rollback', 'task-definition': '', 'rollback-to': 'latest' }, "Invalid input 'rollback-to': 'latest'. Expected a task definition revision as 'family:revision' or 'arn:aws:ecs:<region>:<account>:task-definition/family:revision'."],
    [{ mode: 'fix' }, "Invalid input 'mode': 'fix'. Expected one of 'deploy', 'rollback', 'smoke', 'run-task'."],
  ])('refuses %j', (values, message) => {
    expect(() => getInputs(read({ ...base, ...values }), '/ws')).toThrow(message);
  });

  it.each([
    ['td.json', '/ws/td.json'],
    ['./deploy/../td.yaml', '/ws/td.yaml'],
    ['/abs/td.json', '/abs/td.json'],
  ])('keeps the task definition input %j as written and resolves it to %j', (input, resolved) => {
    const inputs = getInputs(read({ ...base, 'task-definition': input }), '/ws');
    expect([inputs.taskDefinitionInput, inputs.taskDefinitionPath]).toEqual([input, resolved]);
  });

  it('accepts an ARN for task-definition-arn and rollback-to', () => {
    const arn = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:12';
    expect(getInputs(read({ service: 'web', 'task-definition-arn': arn }), '/ws').taskDefinitionArn).toBe(arn);
    expect(getInputs(read({ service: 'web', mode: 'rollback', 'rollback-to': arn }), '/ws').rollbackTo).toBe(arn);
  });
});
