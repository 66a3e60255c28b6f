/** The run-task inputs and the RunTask request built from them and the service. */
import { describe, expect, it } from '@jest/globals';
import type { Service, TaskDefinition } from '@aws-sdk/client-ecs';
import { getInputs } from '../../src/inputs.js';
import { judgedContainer, ownCommand, runTaskRequest } from '../../src/release-task/request.js';

const read = (values: Record<string, string>) => (name: string): string => values[name] ?? '';
const base = { 'task-definition': 'td.json', service: 'web', 'run-task': 'true' };

const taskDefinition: TaskDefinition = {
  family: 'web',
  revision: 3,
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
  networkMode: 'awsvpc',
  containerDefinitions: [
    { name: 'log-router', essential: false },
    { name: 'web', essential: true },
  ],
};

const service: Service = {
  serviceName: 'web',
  launchType: 'FARGATE',
  platformVersion: '1.4.0',
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-svc'], securityGroups: ['sg-svc'], assignPublicIp: 'DISABLED' } },
};

const runTask = (values: Record<string, string>) => getInputs(read({ ...base, ...values }), '/ws').runTask!;

describe('run-task inputs', () => {
  it('has the documented defaults, and only with run-task true or mode run-task', () => {
    expect(getInputs(read({ 'task-definition': 'td.json' }), '/ws').runTask).toBeUndefined();
    expect(runTask({})).toEqual({ containerOverrides: [], startedBy: 'ecs-deploy-verify', waitForStop: true, timeoutMinutes: 30 });
    expect(getInputs(read({ 'task-definition': 'td.json' }), '/ws').logLines).toBe(30);
  });

  it.each([
    [{ 'run-task-command': 'migrate && seed' }, "Invalid input 'run-task-command': 'migrate && seed'. Expected arguments as a shell would split them: '&&' is a shell operator"],
    [{ 'run-task-container-overrides': '{"name": "web"}' }, "Invalid input 'run-task-container-overrides' (its value is not shown: it may hold environment values). Expected a JSON list of containerOverrides"],
    [
      { 'run-task-container-overrides': '[{"name": "web",]' },
      "Invalid input 'run-task-container-overrides' (its value is not shown: it may hold environment values): not valid JSON at line 1, column 17: PropertyNameExpected. Expected a JSON list of containerOverrides, e.g. [",
    ],
    [{ 'run-task-capacity-provider-strategy': '[{"capacityProvider": FARGATE_SPOT}]' }, "Invalid input 'run-task-capacity-provider-strategy': '[{\"capacityProvider\": FARGATE_SPOT}]'. Expected a JSON list of {\"capacityProvider\": \"...\", \"weight\": n, \"base\": n} (not valid JSON at line 1, column 23: InvalidSymbol)."],
    [{ 'run-task': 'true', 'wait-for-task-stopped': 'false' }, "Invalid input 'wait-for-task-stopped': 'false'. Expected 'true' with 'run-task: true' (the service is updated only after the release task has stopped and passed"],
    [{ 'run-task-launch-type': 'FARGATE', 'run-task-capacity-provider-strategy': '[{"capacityProvider": "FARGATE_SPOT"}]' }, "Expected to be empty when 'run-task-launch-type' is set"],
    [{ 'run-task-assign-public-IP': 'yes' }, "Invalid input 'run-task-assign-public-IP': 'yes'. Expected one of 'ENABLED', 'DISABLED'."],
    [{ 'run-task-timeout-minutes': '0' }, "Invalid input 'run-task-timeout-minutes': '0'. Expected a number between 0.05 and 720."],
    [{ 'log-lines': '-1' }, "Invalid input 'log-lines': '-1'. Expected a whole number between 0 and 10000."],
  ])('refuses %j', (values, message) => {
    expect(() => getInputs(read({ ...base, ...values }), '/ws')).toThrow(message);
  });

  it('a broken overrides list never echoes its environment values, wherever the JSON breaks', () => {
    for (const broken of ['[{"name": "web", "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}]', '[{"name": "web", "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}]}', '{"environment": [{"name": "DB_PASSWORD", "value": "hunter2"}]}']) {
      expect(() => runTask({ 'run-task-container-overrides': broken })).toThrow(/its value is not shown/);
      try {
        runTask({ 'run-task-container-overrides': broken });
      } catch (error) {
        expect((error as Error).message).not.toMatch(/hunter2|DB_PASSWORD/);
      }
    }
  });

  it('wait-for-task-stopped false is fine alone in mode run-task, where nothing is updated after the task', () => {
    expect(getInputs(read({ mode: 'run-task', service: 'web', 'wait-for-task-stopped': 'false' }), '/ws').runTask?.waitForStop).toBe(false);
  });

  it('mode run-task needs a service or a revision', () => {
    expect(() => getInputs(read({ mode: 'run-task' }), '/ws')).toThrow("Invalid input 'service': ''. Expected a service whose current revision to run");
    expect(getInputs(read({ mode: 'run-task', 'task-definition-arn': 'web:3', 'run-task-subnets': 'subnet-1' }), '/ws').runTask?.subnets).toEqual(['subnet-1']);
  });
});

describe('runTaskRequest', () => {
  it('runs where the service runs: its network, launch type and platform version; the command on the judged container', () => {
    const inputs = runTask({ 'run-task-command': 'rails db:migrate', 'run-task-container-overrides': '[{"name": "log-router", "environment": [{"name": "A", "value": "1"}]}]' });
    const request = runTaskRequest({ cluster: 'prod', taskDefinition, service, runTask: inputs, container: judgedContainer(taskDefinition) });
    expect(request).toEqual({
      cluster: 'prod',
      taskDefinition: taskDefinition.taskDefinitionArn,
      count: 1,
      launchType: 'FARGATE',
      platformVersion: '1.4.0',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-svc'], securityGroups: ['sg-svc'], assignPublicIp: 'DISABLED' } },
      overrides: {
        containerOverrides: [
          { name: 'log-router', environment: [{ name: 'A', value: '1' }] },
          { name: 'web', command: ['rails', 'db:migrate'] },
        ],
      },
      startedBy: 'ecs-deploy-verify',
      clientToken: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it("takes the service's capacity provider strategy over its launch type, and the user's inputs over both", () => {
    const spot = { ...service, launchType: undefined, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] };
    expect(runTaskRequest({ cluster: 'c', taskDefinition, service: spot, runTask: runTask({}), container: 'web' })).toMatchObject({
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      platformVersion: '1.4.0',
    });
    const own = runTaskRequest({ cluster: 'c', taskDefinition, service: spot, runTask: runTask({ 'run-task-launch-type': 'EC2', 'run-task-security-groups': 'sg-1 sg-2' }), container: 'web' });
    expect(own).toMatchObject({ launchType: 'EC2', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-svc'], securityGroups: ['sg-1', 'sg-2'], assignPublicIp: 'DISABLED' } } });
    expect(own.capacityProviderStrategy).toBeUndefined();
    expect(own.platformVersion).toBeUndefined();
  });

  it('names the missing input when there is no network to take', () => {
    expect(() => runTaskRequest({ cluster: 'c', taskDefinition, runTask: runTask({}), container: 'web' })).toThrow(
      "Invalid input 'run-task-subnets': ''. Expected the subnets to run the task in: web uses the awsvpc network mode and no service was given to take them from",
    );
    const bridge = { ...taskDefinition, networkMode: 'bridge' as const };
    expect(runTaskRequest({ cluster: 'c', taskDefinition: bridge, runTask: runTask({}), container: 'web' }).networkConfiguration).toBeUndefined();
  });

  it('judges the named container, else the first essential one, and refuses an unknown name', () => {
    expect(judgedContainer(taskDefinition)).toBe('web');
    expect(judgedContainer(taskDefinition, 'log-router')).toBe('log-router');
    expect(() => judgedContainer(taskDefinition, 'app')).toThrow("Invalid input 'run-task-container': 'app'. Expected a container of web:3 ('log-router', 'web').");
  });
});

describe('ownCommand: what runs without run-task-command', () => {
  const withWeb = (web: Record<string, unknown>): TaskDefinition => ({ ...taskDefinition, containerDefinitions: [{ name: 'web', essential: true, ...web }] });
  it.each([
    [{}, "the image's own CMD/ENTRYPOINT (the task definition sets neither command nor entryPoint)"],
    [{ command: ['bundle', 'exec', 'puma'] }, 'the task definition\'s command ["bundle","exec","puma"] (after the image\'s ENTRYPOINT, if any)'],
    [{ entryPoint: ['/docker-entrypoint.sh'] }, 'the task definition\'s entryPoint ["/docker-entrypoint.sh"] (with the image\'s CMD as its arguments, if any)'],
    [{ entryPoint: ['/bin/sh', '-c'], command: ['exec server'] }, 'the task definition\'s entryPoint ["/bin/sh","-c"] with command ["exec server"]'],
  ])('%j', (web, expected) => {
    expect(ownCommand(withWeb(web), runTask({}), 'web')).toBe(expected);
  });

  it('is undefined when run-task-command or an override sets the command', () => {
    expect(ownCommand(taskDefinition, runTask({ 'run-task-command': './migrate' }), 'web')).toBeUndefined();
    expect(ownCommand(taskDefinition, runTask({ 'run-task-container-overrides': '[{"name": "web", "command": ["./migrate"]}]' }), 'web')).toBeUndefined();
    // An override of another container leaves the judged one on its own command.
    expect(ownCommand(taskDefinition, runTask({ 'run-task-container-overrides': '[{"name": "log-router", "command": ["x"]}]' }), 'web')).toMatch(/^the image's own/);
  });
});
