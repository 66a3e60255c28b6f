import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeClustersCommand,
  type DescribeTasksCommandOutput,
  DescribeTaskDefinitionCommand,
  type DescribeTaskDefinitionCommandOutput,
  DescribeTasksCommand,
  ECSClient,
  ExecuteCommandCommand,
  ListTasksCommand,
  type Task,
} from '@aws-sdk/client-ecs';
import * as core from '../../__fixtures__/core.js';
import type { SmokeInputs } from '../../src/inputs.js';
import { PayloadType } from '../../src/exec/codec.js';
import { FakeAgent, IdleClock } from '../exec/helpers.js';

const which = jest.fn<(tool: string, check?: boolean) => Promise<string>>();
jest.unstable_mockModule('@actions/core', () => core);
jest.unstable_mockModule('@actions/io', () => ({ which }));
const { runSmokeCheck, RETRY_DELAY_MS } = await import('../../src/smoke/check.js');
const { smokeSentence } = await import('../../src/smoke/verify.js');

function fixture<T>(name: string): T {
  const text = readFileSync(new URL(`../exec/fixtures/${name}`, import.meta.url), 'utf8');
  return JSON.parse(text, (key, value) => (/At$/.test(key) && typeof value === 'string' ? new Date(value) : value)) as T;
}

const CLUSTER = 'demo';
const REVISION = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:8';
const TOKEN = 'AAEAAHs3cr3tT0kenValueThatMustNeverBePrinted';
const SESSION = {
  sessionId: 'ecs-execute-command-0a1b2c3d4e5f67890',
  streamUrl: 'wss://ssmmessages.eu-west-1.amazonaws.com/v1/data-channel/ecs-execute-command-0a1b2c3d4e5f67890?role=publish_subscribe&cell-number=AAEAAQ',
  tokenValue: TOKEN,
};

const ecs = mockClient(ECSClient);
const client = new ECSClient({ region: 'eu-west-1' });

function baseTask(): Task {
  return fixture<DescribeTasksCommandOutput>('describe-tasks.json').tasks![0];
}

function task(index: number, change: (t: Task) => void = () => undefined): Task {
  const t = baseTask();
  t.taskArn = t.taskArn!.replace(/[0-9a-f]{32}$/, `${index}`.padStart(32, '0'));
  t.startedAt = new Date(Date.UTC(2025, 9, 9, 10, index));
  change(t);
  return t;
}

const ID = (index: number): string => `${index}`.padStart(32, '0');

function smoke(overrides: Partial<SmokeInputs> = {}): SmokeInputs {
  return { command: 'curl -fsS localhost:8080/health', tasks: 1, timeoutSeconds: 60, retries: 2, shell: '/bin/sh', client: 'native', ...overrides };
}

function params(overrides: Partial<SmokeInputs> = {}) {
  return { cluster: CLUSTER, service: 'web', taskDefinitionArn: REVISION, smoke: smoke(overrides), region: 'eu-west-1' };
}

function mockService(tasks: Task[]): void {
  ecs.on(DescribeClustersCommand).resolves(fixture('describe-clusters.json'));
  ecs.on(DescribeTaskDefinitionCommand).resolves(fixture<DescribeTaskDefinitionCommandOutput>('describe-task-definition.json'));
  ecs.on(ListTasksCommand).resolves({ taskArns: tasks.map((t) => t.taskArn!) });
  ecs.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) => ({ tasks: tasks.filter((t) => input.tasks.includes(t.taskArn!)), failures: [] }));
  ecs.on(ExecuteCommandCommand).callsFake((input: { task: string; container: string }) => ({
    clusterArn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/demo',
    containerArn: 'arn:aws:ecs:eu-west-1:123456789012:container/demo/x',
    containerName: input.container,
    interactive: true,
    session: SESSION,
    taskArn: input.task,
  }));
}

/** The nonce of the latest ExecuteCommand: what the real shell would print its status behind. */
function latestNonce(): string {
  const calls = ecs.commandCalls(ExecuteCommandCommand);
  return /edv-[0-9a-f]{32}/.exec(calls[calls.length - 1].args[0].input.command!)![0];
}

/** An agent that prints `text`, then the shell's status line for `status` (undefined: none). */
function agentFactory(clock: IdleClock, text: string | ((nonce: string) => string), status?: number) {
  const agents: FakeAgent[] = [];
  const openSocket = jest.fn((_url: string) => {
    const agent = new FakeAgent(clock, (input, a) => {
      a.ack(input);
      if (input.payloadType !== PayloadType.Size || a.inputs.length > 1) return;
      const nonce = status === undefined ? '' : latestNonce();
      const body = typeof text === 'function' ? text(nonce) : text;
      a.output(`${body}${status === undefined ? '' : `\r\n${nonce}:${status}\r\n`}`);
      a.closeChannel();
    });
    agents.push(agent);
    return agent.socket;
  });
  return { openSocket, agents };
}

beforeEach(() => {
  ecs.reset();
  jest.clearAllMocks();
  core.summary.emptyBuffer();
});
afterEach(() => {
  ecs.reset();
});

describe('runSmokeCheck', () => {
  it('runs the wrapped command in the newest task of the revision and passes on exit status 0', async () => {
    mockService([task(1), task(2)]);
    const clock = new IdleClock();
    const { openSocket } = agentFactory(clock, 'healthy\r\n', 0);
    const outcome = await runSmokeCheck(client, params(), { clock, openSocket });

    expect(outcome).toEqual({
      passed: true,
      command: 'curl -fsS localhost:8080/health',
      tasks: [
        {
          taskArn: task(2).taskArn,
          container: 'web',
          exitCode: 0,
          passed: true,
          reason: 'exit status 0',
          durationMs: expect.any(Number),
          output: 'healthy\n',
          attempts: 1,
        },
      ],
    });
    const [execute] = ecs.commandCalls(ExecuteCommandCommand);
    const nonce = latestNonce();
    expect(execute.args[0].input).toEqual({
      cluster: CLUSTER,
      task: task(2).taskArn,
      container: 'web',
      interactive: true,
      command: `/bin/sh -c '(\ncurl -fsS localhost:8080/health\n)\nprintf '\\''\\n%s:%s\\n'\\'' ${nonce} "$?"'`,
    });
    expect(ecs.commandCalls(DescribeClustersCommand)[0].args[0].input).toEqual({ clusters: [CLUSTER], include: ['CONFIGURATIONS'] });
    expect(ecs.commandCalls(ListTasksCommand)[0].args[0].input).toEqual({ cluster: CLUSTER, serviceName: 'web', desiredStatus: 'RUNNING' });
    expect(openSocket).toHaveBeenCalledWith(SESSION.streamUrl);
  });

  it('masks the session token before anything is logged, and never prints it', async () => {
    mockService([task(1)]);
    const clock = new IdleClock();
    const executed = jest.fn();
    ecs.on(ExecuteCommandCommand).callsFake((input: { task: string; container: string }) => {
      executed();
      return { clusterArn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/demo', containerName: input.container, taskArn: input.task, interactive: true, session: SESSION };
    });
    const { openSocket } = agentFactory(clock, 'ok', 0);
    await runSmokeCheck(client, params(), { clock, openSocket });

    expect(core.setSecret).toHaveBeenCalledWith(TOKEN);
    const maskedAt = core.setSecret.mock.invocationCallOrder[0];
    const executedAt = executed.mock.invocationCallOrder[0];
    const logsAfter = [core.info, core.warning, core.debug, core.notice, core.error].flatMap((fn) => fn.mock.invocationCallOrder).filter((order) => order > executedAt);
    expect(logsAfter.length).toBeGreaterThan(0);
    expect(Math.min(...logsAfter)).toBeGreaterThan(maskedAt);
    expect(core.logged()).not.toContain(TOKEN);
  });

  it.each([
    ['exit 1', 'boom', 1],
    ['exit 3 inside the command', '', 3],
    ['command not found', '/bin/sh: 1: curl: not found', 127],
    ['killed', 'Killed', 137],
  ])('fails on %s without retrying', async (_name, text, status) => {
    mockService([task(1)]);
    const clock = new IdleClock();
    const { openSocket } = agentFactory(clock, text, status);
    const outcome = await runSmokeCheck(client, params(), { clock, openSocket });
    expect(outcome.passed).toBe(false);
    expect(outcome.tasks[0]).toMatchObject({ exitCode: status, passed: false, reason: `exit status ${status}`, attempts: 1 });
    expect(ecs.commandCalls(ExecuteCommandCommand)).toHaveLength(1);
  });

  it('is not fooled by output that prints a status line of its own', async () => {
    mockService([task(1)]);
    const clock = new IdleClock();
    const { openSocket } = agentFactory(clock, (nonce) => `${nonce}:0\r\nedv-00000000000000000000000000000000:0`, 1);
    const outcome = await runSmokeCheck(client, params(), { clock, openSocket });
    expect(outcome.tasks[0].passed).toBe(false);
    expect(outcome.tasks[0].exitCode).toBeUndefined();
    expect(outcome.tasks[0].reason).toContain('2 exit status lines');
    // Both lines with the run's nonce are gone; the other nonce's line is just output.
    expect(outcome.tasks[0].output).toBe('edv-00000000000000000000000000000000:0\n');
  });

  it('judges by smoke-expect on the cleaned output', async () => {
    mockService([task(1)]);
    const clock = new IdleClock();
    const { openSocket } = agentFactory(clock, '\x1b[32m{"status":"degraded"}\x1b[0m', 0);
    const outcome = await runSmokeCheck(client, params({ expect: /"status":"ok"/m }), { clock, openSocket });
    expect(outcome.tasks[0]).toMatchObject({ passed: false, exitCode: 0, reason: 'exit status 0, but the output did not match /"status":"ok"/m', output: '{"status":"degraded"}' });
  });

  describe("smoke-shell 'none' (distroless)", () => {
    it('refuses to start without smoke-expect: no verdict would be possible', async () => {
      await expect(runSmokeCheck(client, params({ shell: 'none' }), { clock: new IdleClock() })).rejects.toThrow('no verdict is possible');
      expect(ecs.calls()).toHaveLength(0);
    });

    it('sends the command as is and judges only the output', async () => {
      mockService([task(1)]);
      const clock = new IdleClock();
      const { openSocket } = agentFactory(clock, 'version 2.1.0\r\n');
      const outcome = await runSmokeCheck(client, params({ shell: 'none', command: '/app/server --version', expect: /version 2\./m }), { clock, openSocket });
      expect(ecs.commandCalls(ExecuteCommandCommand)[0].args[0].input.command).toBe('/app/server --version');
      expect(outcome.tasks[0].exitCode).toBeUndefined();
      expect(outcome.tasks[0]).toMatchObject({ passed: true, reason: 'exit status unknown (smoke-shell none), output matched /version 2\\./m' });
      expect(core.logged()).toContain("smoke-shell is 'none': the exit status cannot be known");
    });
  });

  it('checks every task with smoke-tasks all', async () => {
    mockService([task(1), task(2), task(3), task(4, (t) => (t.taskDefinitionArn = REVISION.replace(':8', ':7')))]);
    const clock = new IdleClock();
    const { openSocket, agents } = agentFactory(clock, 'ok', 0);
    const outcome = await runSmokeCheck(client, params({ tasks: 'all' }), { clock, openSocket });
    expect(outcome.tasks.map((t) => t.taskArn)).toEqual([task(3).taskArn, task(2).taskArn, task(1).taskArn]);
    expect(outcome.passed).toBe(true);
    expect(agents).toHaveLength(3);
  });

  it('fails clearly when fewer tasks run than smoke-tasks asks for', async () => {
    mockService([task(1), task(2, (t) => (t.taskDefinitionArn = REVISION.replace(':8', ':7')))]);
    await expect(runSmokeCheck(client, params({ tasks: 2 }), { clock: new IdleClock() })).rejects.toThrow(
      `smoke-tasks asks for 2 but service 'web' has 1 RUNNING task of ${REVISION} (and 1 of other revisions or not yet RUNNING)`,
    );
  });

  it('retries a dropped socket, then passes', async () => {
    mockService([task(1)]);
    const clock = new IdleClock();
    let sockets = 0;
    const good = agentFactory(clock, 'ok', 0);
    const openSocket = jest.fn((url: string) => {
      if (++sockets > 1) return good.openSocket(url);
      const agent = new FakeAgent(clock, (_input, a) => a.drop(1006));
      return agent.socket;
    });
    const outcome = await runSmokeCheck(client, params(), { clock, openSocket });
    expect(outcome.tasks[0]).toMatchObject({ passed: true, attempts: 2, mayHaveRunTwice: expect.stringContaining('the WebSocket closed (code 1006)') });
    expect(outcome.tasks[0].reason).toMatch(/^exit status 0 ⚠ the command may have run twice: a session dropped after ExecuteCommand had started the command/);
    expect(clock.sleeps).toContain(RETRY_DELAY_MS);
    const warnings = core.warning.mock.calls.map((c) => String(c[0]));
    expect(warnings).toEqual([
      expect.stringMatching(/the WebSocket closed \(code 1006\).*ExecuteCommand had already started the command.*so it may run twice/),
      expect.stringContaining('passed, exit status 0 ⚠ the command may have run twice'),
    ]);
    expect(smokeSentence(outcome)).toBe(`the smoke check passed on 1 task; the command may have run twice (see task ${ID(1)})`);
  });

  it('retries TargetNotConnectedException right after start, and gives up with a hint after smoke-retries', async () => {
    mockService([task(1)]);
    ecs.on(ExecuteCommandCommand).rejects(Object.assign(new Error('The execute command failed due to an internal error. Try again later.'), { name: 'TargetNotConnectedException' }));
    const clock = new IdleClock();
    const { error } = await runSmokeCheck(client, params({ retries: 2 }), { clock });
    expect(error).toContain('TargetNotConnectedException');
    expect(error).toContain('ssmmessages.eu-west-1.amazonaws.com');
    expect(error).toContain('"ssmmessages:OpenDataChannel"');
    expect(error).toContain('after 3 attempts');
    expect(ecs.commandCalls(ExecuteCommandCommand)).toHaveLength(3);
    expect(clock.sleeps.filter((ms) => ms >= RETRY_DELAY_MS)).toEqual([RETRY_DELAY_MS, 2 * RETRY_DELAY_MS]);
    // Before ExecuteCommand succeeded nothing ran: the retries are not warnings.
    expect(core.warning.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining('could not be checked')]);
    expect(core.logged()).not.toContain('twice');
  });

  it.each([
    ['InvalidParameterException', 'The execute command failed because execute command was not enabled when the task was run', 'force a new deployment'],
    ['AccessDeniedException', 'User: arn:aws:sts::123456789012:assumed-role/gha/1 is not authorized to perform: ecs:ExecuteCommand', "Grant 'ecs:ExecuteCommand' on cluster 'demo'"],
    ['ClusterNotFoundException', 'Cluster not found.', "Check that 'cluster' names an existing cluster in eu-west-1"],
  ])('maps %s from ExecuteCommand to its fix, without retrying', async (name, said, hint) => {
    mockService([task(1)]);
    ecs.on(ExecuteCommandCommand).rejects(Object.assign(new Error(said), { name }));
    const { error, passed } = await runSmokeCheck(client, params(), { clock: new IdleClock() });
    expect(passed).toBe(false);
    expect(error).toContain(`${name}: ${said}`);
    expect(error).toContain(hint);
    expect(ecs.commandCalls(ExecuteCommandCommand)).toHaveLength(1);
  });

  it('reports a command that outlives smoke-timeout-seconds as failed, not retried', async () => {
    mockService([task(1)]);
    const clock = new IdleClock();
    const openSocket = jest.fn((_url: string) => new FakeAgent(clock, (input, a) => {
      a.ack(input);
      a.output('working...');
    }).socket);
    const outcome = await runSmokeCheck(client, params({ timeoutSeconds: 5 }), { clock, openSocket });
    expect(outcome.tasks[0]).toMatchObject({ passed: false, reason: 'did not finish within smoke-timeout-seconds (5s)', output: 'working...', attempts: 1, durationMs: 5000 });
  });
});

describe('preflight', () => {
  it.each([
    ['exec was not enabled when the task started', (t: Task) => (t.enableExecuteCommand = false), 'enable-execute-command: true'],
    ['the task is stopping', (t: Task) => Object.assign(t, { lastStatus: 'DEACTIVATING', stoppedReason: 'Scaling activity initiated by deployment' }), 'is DEACTIVATING (Scaling activity initiated by deployment), not RUNNING'],
    ['the exec agent stopped', (t: Task) => (t.containers![0].managedAgents![0] = { name: 'ExecuteCommandAgent', lastStatus: 'STOPPED', reason: 'AgentNotRunning' }), 'stopped: AgentNotRunning'],
    ['Fargate 1.3.0', (t: Task) => (t.platformVersion = '1.3.0'), 'needs 1.4.0 or later'],
  ])('fails when %s, with the fix', async (_name, change, hint) => {
    mockService([task(1, change)]);
    // ListTasks + filter must still find the task: the check then fails on it.
    if (_name === 'the task is stopping') {
      await expect(runSmokeCheck(client, params(), { clock: new IdleClock() })).rejects.toThrow('has 0 RUNNING tasks');
      return;
    }
    const { error, tasks } = await runSmokeCheck(client, params(), { clock: new IdleClock() });
    expect(tasks).toEqual([]);
    expect(error).toContain(hint);
    expect(ecs.commandCalls(ExecuteCommandCommand)).toHaveLength(0);
  });

  it.each([
    ['readonlyRootFilesystem', (d: DescribeTaskDefinitionCommandOutput) => (d.taskDefinition!.containerDefinitions![1].readonlyRootFilesystem = true), 'readonlyRootFilesystem: true'],
    ['no task role', (d: DescribeTaskDefinitionCommandOutput) => delete d.taskDefinition!.taskRoleArn, '"ssmmessages:CreateControlChannel"'],
    ['an unknown smoke-container', () => undefined, "smoke-container 'api' is not a container of web:8; its containers are 'log-router', 'web'."],
  ])('fails on %s in the task definition', async (name, change, hint) => {
    mockService([task(1)]);
    const definition = fixture<DescribeTaskDefinitionCommandOutput>('describe-task-definition.json');
    change(definition);
    ecs.on(DescribeTaskDefinitionCommand).resolves(definition);
    const inputs = name === 'an unknown smoke-container' ? { container: 'api' } : {};
    await expect(runSmokeCheck(client, params(inputs), { clock: new IdleClock() })).rejects.toThrow(hint);
  });

  it('warns when initProcessEnabled is not set, and picks the first essential container', async () => {
    mockService([task(1)]);
    const definition = fixture<DescribeTaskDefinitionCommandOutput>('describe-task-definition.json');
    delete definition.taskDefinition!.containerDefinitions![1].linuxParameters;
    ecs.on(DescribeTaskDefinitionCommand).resolves(definition);
    const clock = new IdleClock();
    const { openSocket } = agentFactory(clock, 'ok', 0);
    const outcome = await runSmokeCheck(client, params(), { clock, openSocket });
    expect(outcome.tasks[0].container).toBe('web');
    expect(core.warning).toHaveBeenCalledWith(expect.stringContaining('initProcessEnabled'));
  });

  it('waits while the exec agent is PENDING, polling through the clock', async () => {
    const pending = task(1, (t) => (t.containers![0].managedAgents![0].lastStatus = 'PENDING'));
    mockService([pending]);
    let polls = 0;
    ecs.on(DescribeTasksCommand).callsFake(() => ({ tasks: [++polls < 4 ? pending : task(1)] }));
    const clock = new IdleClock();
    const { openSocket } = agentFactory(clock, 'ok', 0);
    const outcome = await runSmokeCheck(client, params(), { clock, openSocket });
    expect(outcome.passed).toBe(true);
    expect(clock.sleeps.filter((ms) => ms === 5000)).toHaveLength(2);
    expect(core.logged()).toContain("the ECS Exec agent in container 'web' of task 00000000000000000000000000000001 is PENDING");
  });

  it('names the cluster setting and does the KMS handshake only when the cluster sets a key', async () => {
    mockService([task(1)]);
    ecs.on(DescribeClustersCommand).resolves({
      clusters: [{ clusterName: 'demo', status: 'ACTIVE', configuration: { executeCommandConfiguration: { kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/abcd', logging: 'DEFAULT' } } }],
    });
    const clock = new IdleClock();
    const kmsFactory = jest.fn(() => {
      throw new Error('not reached: the scripted agent asks for no KMS handshake');
    });
    const { openSocket } = agentFactory(clock, 'ok', 0);
    await runSmokeCheck(client, params(), { clock, openSocket, kms: kmsFactory as never });
    expect(core.logged()).toContain('encrypts exec sessions with KMS key arn:aws:kms:eu-west-1:123456789012:key/abcd');
    expect(kmsFactory).not.toHaveBeenCalled();
  });
});

describe("exec-client 'session-manager-plugin'", () => {
  it('fails clearly when the plugin is not on PATH', async () => {
    which.mockResolvedValue('');
    mockService([task(1)]);
    await expect(runSmokeCheck(client, params({ client: 'session-manager-plugin' }), { clock: new IdleClock() })).rejects.toThrow(
      'session-manager-plugin is not on PATH',
    );
  });

  it('runs the plugin with the AWS CLI arguments and parses its output the same way', async () => {
    which.mockResolvedValue('/usr/local/bin/session-manager-plugin');
    mockService([task(1)]);
    const runPlugin = jest.fn(async (_args: string[]) => ({
      exitCode: 0,
      output: `\nStarting session with SessionId: ${SESSION.sessionId}\nhealthy\r\n\r\n${latestNonce()}:0\r\n\n\nExiting session with sessionId: ${SESSION.sessionId}.\n\n`,
    }));
    const outcome = await runSmokeCheck(client, params({ client: 'session-manager-plugin' }), { clock: new IdleClock(), runPlugin });
    expect(outcome.tasks[0]).toMatchObject({ passed: true, exitCode: 0, output: '\nhealthy\n' });
    const args = runPlugin.mock.calls[0][0];
    expect(args.slice(1)).toEqual([
      'eu-west-1',
      'StartSession',
      '',
      JSON.stringify({ Target: 'ecs:demo_00000000000000000000000000000001_0f1e2d3c4b5a69788796a5b4c3d2e1f0-2531612879' }),
      'https://ecs.eu-west-1.amazonaws.com',
    ]);
    expect(JSON.parse(args[0])).toEqual(SESSION);
  });
});

describe('real-world faults', () => {
  const awsError = (name: string, message: string, status?: number) =>
    Object.assign(new Error(message), { name, $metadata: status === undefined ? {} : { httpStatusCode: status } });
  const throttled = () => awsError('ThrottlingException', 'Rate exceeded', 400);
  const spot = (t: Task) => Object.assign(t, { lastStatus: 'RUNNING', desiredStatus: 'STOPPED', stopCode: 'SpotInterruption', stoppedReason: 'Your Spot Task was interrupted.' });

  it('retries throttled ListTasks, DescribeTasks and ExecuteCommand silently, and passes', async () => {
    mockService([task(1)]);
    ecs.on(ListTasksCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({ taskArns: [task(1).taskArn!] });
    ecs.on(DescribeTasksCommand).rejectsOnce(throttled()).resolves({ tasks: [task(1)] });
    ecs.on(ExecuteCommandCommand).rejectsOnce(throttled()).rejectsOnce(awsError('ServerException', 'Server exception.', 500)).callsFake(answerSession);
    const clock = new IdleClock();
    const { openSocket } = agentFactory(clock, 'ok', 0);
    const outcome = await runSmokeCheck(client, params(), { clock, openSocket });
    expect(outcome).toMatchObject({ passed: true, tasks: [{ passed: true, attempts: 1, reason: 'exit status 0' }] });
    expect(ecs.commandCalls(ListTasksCommand)).toHaveLength(3);
    expect(ecs.commandCalls(ExecuteCommandCommand)).toHaveLength(3);
    expect(core.warning).not.toHaveBeenCalled();
    expect(core.logged()).toContain('ExecuteCommand on task 00000000000000000000000000000001: AWS answered ThrottlingException');
  });

  it('gives up on throttling only at smoke-timeout-seconds, as a check that could not run', async () => {
    mockService([task(1)]);
    ecs.on(ListTasksCommand).rejects(throttled());
    const clock = new IdleClock();
    const error = await runSmokeCheck(client, params({ timeoutSeconds: 30 }), { clock }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^Could not list the running tasks of service 'web': ThrottlingException: Rate exceeded/);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(30_000);
  });

  it('checks another task when the picked one is reclaimed before ExecuteCommand, without a warning', async () => {
    const tasks = [task(1), task(2)];
    mockService(tasks);
    const picked = task(2).taskArn!;
    ecs.on(ExecuteCommandCommand, { task: picked }).callsFake(() => {
      spot(tasks[1]);
      throw awsError('InvalidParameterException', 'The execute command failed because the task is not in RUNNING state.', 400);
    });
    const clock = new IdleClock();
    const { openSocket } = agentFactory(clock, 'ok', 0);
    const outcome = await runSmokeCheck(client, params(), { clock, openSocket });
    expect(outcome).toMatchObject({ passed: true, tasks: [{ taskArn: task(1).taskArn, passed: true, reason: 'exit status 0' }] });
    expect(ecs.commandCalls(ExecuteCommandCommand).map((c) => c.args[0].input.task)).toEqual([picked, task(1).taskArn]);
    expect(core.logged()).toContain(`Task ${ID(2)} is stopping (SpotInterruption: Your Spot Task was interrupted.), so nothing more can run in it. Checking another RUNNING task`);
    expect(core.warning).not.toHaveBeenCalled();
  });

  it('checks another task, saying the command may have run twice, when the task is reclaimed during the session', async () => {
    const tasks = [task(1), task(2)];
    mockService(tasks);
    const clock = new IdleClock();
    const good = agentFactory(clock, 'ok', 0);
    let sockets = 0;
    const openSocket = jest.fn((url: string) => {
      if (++sockets > 1) return good.openSocket(url);
      return new FakeAgent(clock, (_input, a) => {
        spot(tasks[1]);
        a.drop(1006);
      }).socket;
    });
    const outcome = await runSmokeCheck(client, params(), { clock, openSocket });
    expect(outcome.passed).toBe(true);
    expect(outcome.tasks).toHaveLength(1);
    expect(outcome.tasks[0]).toMatchObject({ taskArn: task(1).taskArn, attempts: 1, mayHaveRunTwice: `it had started in task ${ID(2)}, which then stopped` });
    expect(core.warning).toHaveBeenCalledWith(expect.stringContaining(`Task ${ID(2)} is stopping (SpotInterruption`));
    expect(core.warning).toHaveBeenCalledWith(expect.stringContaining('running it in another task may run it twice'));
    expect(smokeSentence(outcome)).toBe(`the smoke check passed on 1 task; the command may have run twice (see task ${ID(1)})`);
  });

  it('could not run when the only task is reclaimed and none is left', async () => {
    const tasks = [task(1)];
    mockService(tasks);
    ecs.on(ExecuteCommandCommand).callsFake(() => {
      spot(tasks[0]);
      throw awsError('InvalidParameterException', 'The execute command failed because the task is not in RUNNING state.', 400);
    });
    const outcome = await runSmokeCheck(client, params(), { clock: new IdleClock() });
    expect(outcome).toEqual({
      passed: false,
      command: 'curl -fsS localhost:8080/health',
      tasks: [],
      error: `Task ${ID(1)} is stopping (SpotInterruption: Your Spot Task was interrupted.), so nothing more can run in it. And no other RUNNING task of ${REVISION} is left to check.`,
    });
    expect(ecs.commandCalls(ListTasksCommand)).toHaveLength(2);
  });

  it('keeps the results already in when looking for a stand-in task fails', async () => {
    const tasks = [task(1), task(2)];
    mockService(tasks);
    ecs.on(ListTasksCommand).resolvesOnce({ taskArns: tasks.map((t) => t.taskArn!) }).rejects(awsError('AccessDeniedException', 'not authorized to perform: ecs:ListTasks', 400));
    ecs.on(ExecuteCommandCommand, { task: task(1).taskArn }).callsFake(() => {
      spot(tasks[0]);
      throw awsError('InvalidParameterException', 'The execute command failed because the task is not in RUNNING state.', 400);
    });
    const clock = new IdleClock();
    const { openSocket } = agentFactory(clock, 'ok', 0);
    const outcome = await runSmokeCheck(client, params({ tasks: 2 }), { clock, openSocket });
    expect(outcome.error).toBeUndefined();
    expect(outcome.tasks).toMatchObject([
      { taskArn: task(2).taskArn, passed: true },
      { taskArn: task(1).taskArn, passed: false, unreachable: true, reason: expect.stringContaining("Looking for another task failed: Could not list the running tasks of service 'web': AccessDeniedException") },
    ]);
  });

  it('keeps the result of a checked task when another cannot be reached, and does not pass', async () => {
    mockService([task(1), task(2, (t) => (t.containers![0].managedAgents![0] = { name: 'ExecuteCommandAgent', lastStatus: 'STOPPED', reason: 'AgentNotRunning' }))]);
    const clock = new IdleClock();
    const { openSocket } = agentFactory(clock, 'ok', 0);
    const outcome = await runSmokeCheck(client, params({ tasks: 2 }), { clock, openSocket });
    expect(outcome.passed).toBe(false);
    expect(outcome.error).toBeUndefined();
    expect(outcome.tasks).toMatchObject([
      { taskArn: task(2).taskArn, passed: false, unreachable: true, reason: expect.stringMatching(/^could not be checked: The ECS Exec agent in container 'web' of task \d+ stopped: AgentNotRunning/) },
      { taskArn: task(1).taskArn, passed: true, reason: 'exit status 0' },
    ]);
    expect(smokeSentence(outcome)).toMatch(
      /^the smoke check is incomplete: it passed on the 1 task checked, but 1 of 2 tasks could not be checked \(The ECS Exec agent in container 'web' of task \d+ stopped: AgentNotRunning/,
    );
  });

  it('fails when a checked task failed, and names the tasks that could not be checked too', async () => {
    mockService([task(1), task(2, (t) => (t.enableExecuteCommand = false))]);
    const clock = new IdleClock();
    const { openSocket } = agentFactory(clock, 'boom', 1);
    const outcome = await runSmokeCheck(client, params({ tasks: 2 }), { clock, openSocket });
    expect(outcome.passed).toBe(false);
    expect(smokeSentence(outcome)).toMatch(/^the smoke check failed on 1 of 1 task checked \(exit status 1\), and 1 of 2 tasks could not be checked \(Task \d+ was started without ECS Exec/);
  });

  it('warns that the command may run twice when an ExecuteCommand attempt got no answer', async () => {
    mockService([task(1)]);
    ecs.on(ExecuteCommandCommand).rejectsOnce(Object.assign(new Error('socket hang up'), { name: 'Error', code: 'ECONNRESET', $metadata: {} })).callsFake(answerSession);
    const clock = new IdleClock();
    const { openSocket } = agentFactory(clock, 'ok', 0);
    const outcome = await runSmokeCheck(client, params(), { clock, openSocket });
    expect(outcome.tasks[0]).toMatchObject({ passed: true, mayHaveRunTwice: expect.stringContaining('ExecuteCommand got no answer on an earlier attempt') });
    expect(core.warning).toHaveBeenCalledWith(expect.stringContaining(`Task ${ID(1)}: the command may run twice: ExecuteCommand got no answer`));
  });

  it('retries a KMS session that dropped before the handshake finished silently: the command had not started', async () => {
    mockService([task(1)]);
    ecs.on(DescribeClustersCommand).resolves({
      clusters: [{ clusterName: 'demo', status: 'ACTIVE', configuration: { executeCommandConfiguration: { kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/abcd' } } }],
    });
    const clock = new IdleClock();
    const good = agentFactory(clock, 'ok', 0);
    let sockets = 0;
    const openSocket = jest.fn((url: string) => (++sockets > 1 ? good.openSocket(url) : new FakeAgent(clock, (_input, a) => a.drop(1006)).socket));
    const outcome = await runSmokeCheck(client, params(), { clock, openSocket, kms: (() => { throw new Error('unused'); }) as never });
    expect(outcome.tasks[0]).toMatchObject({ passed: true, attempts: 2 });
    expect(outcome.tasks[0]).not.toHaveProperty('mayHaveRunTwice');
    expect(core.warning).not.toHaveBeenCalled();
  });
});

/** ExecuteCommand's answer once the scripted faults are spent. */
function answerSession(input: { task: string; container: string }) {
  return { clusterArn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/demo', containerName: input.container, interactive: true, session: SESSION, taskArn: input.task };
}
