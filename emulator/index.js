// @ts-check
// The emulator's entry point: builds the parts from a scenario and serves them on loopback.
import { SimClock } from './core/clock.js';
import { ApiError } from './core/errors.js';
import { Faults } from './core/faults.js';
import { IdFactory } from './core/random.js';
import { createApiServer } from './core/server.js';
import { EcrStore } from './ecr/store.js';
import { EcsApi } from './ecs/api.js';
import { ElbApi } from './elbv2/api.js';
import { EventsStore } from './events/store.js';
import { Engine } from './ecs/engine.js';
import { findTask } from './ecs/lookups.js';
import { stopTask } from './ecs/task-lifecycle.js';
import { TaskDefinitionRegistry } from './ecs/task-definitions.js';
import { Throttler } from './ecs/throttling.js';
import { serviceDeploymentView, serviceView } from './ecs/views.js';
import { ExecChannel } from './exec/index.js';
import { schedulerRoute } from './schedules/routes.js';
import { SchedulerStore } from './schedules/store.js';
import { checkScenario, loadScenario } from './scenario/load.js';

export { loadScenario };

/** How often (real ms) the simulation moves on when nobody is asking. */
const TICK_MS = 50;

/**
 * Starts an emulator on 127.0.0.1.
 * @param {{ scenario?: object, scenarioPath?: string, port?: number, baseDir?: string, verbose?: boolean,
 *   onResponse?: (response: { service: string, operation: string, output: unknown }) => void }} options
 *   scenario: a scenario object (checked like a file); scenarioPath: a scenario file;
 *   baseDir: where relative paths of an object scenario resolve (default: the working directory)
 *   onResponse: a test hook that sees every successful answer body
 * @returns {Promise<{ url: string, port: number, state: () => any, stop: () => Promise<void>, stopped: Promise<void> }>}
 *   stopped: resolves when a client asks for POST /_emulator/shutdown (the CLI then stops)
 */
export async function startEmulator({ scenario: given, scenarioPath, port = 0, baseDir, verbose = false, onResponse }) {
  const scenario = scenarioPath ? loadScenario(scenarioPath) : checkScenario(given ?? {}, 'object', baseDir ?? process.cwd());
  const clock = new SimClock(scenario.timeScale, Date.now, scenario.awsClockOffsetSeconds ?? 0);
  const ids = new IdFactory(scenario.seed);
  /** @type {Engine | undefined} */
  let engine;
  const epoch = () => clock.epoch(engine ? engine.now : 0);
  const taskDefinitions = new TaskDefinitionRegistry({ region: scenario.region, account: scenario.account, identityArn: scenario.identityArn, epoch });
  for (const td of scenario.taskDefinitions) taskDefinitions.register(td);
  const ecr = new EcrStore({ account: scenario.account, region: scenario.region, repositories: scenario.ecr?.repositories ?? [], ids, epoch });
  const events = new EventsStore({ account: scenario.account, region: scenario.region, events: scenario.events });
  const scheduler = new SchedulerStore({ account: scenario.account, region: scenario.region, scheduler: scenario.scheduler });
  const sim = new Engine({ scenario, clock, ids, taskDefinitions, ecr });
  engine = sim;
  sim.load();

  /** @type {import('./core/server.js').RequestLogEntry[]} */
  const requests = [];
  const exec = new ExecChannel({
    faults: scenario.faults.exec,
    scenarioDir: scenario.baseDir,
    log: verbose ? (entry) => console.error('exec:', JSON.stringify(entry)) : undefined,
  });
  let boundPort = 0;
  const ecs = new EcsApi({
    engine: sim,
    taskDefinitions,
    identityArn: scenario.identityArn,
    exec,
    baseUrl: () => `ws://127.0.0.1:${boundPort}`,
  });
  const faults = new Faults(scenario.faults, scenario.seed, scenario.identityArn, {
    // A reclaimed task stops as ECS stops any task, and its exec sessions end with it.
    interruptTask: ({ cluster, task }, stop) => {
      const known = sim.clusters.get(String(cluster ?? 'default').split('/').pop() ?? '');
      const found = known && findTask(sim, known, task);
      if (!found || found.api.desiredStatus !== 'RUNNING') return;
      stopTask(sim, found, stop);
      exec.taskStopped(found.api.taskArn, stop.stoppedReason);
    },
  });
  const throttler = new Throttler(scenario.faults.throttling ?? 'documented');
  const elb = new ElbApi(sim.targetGroups);

  /** @type {Record<string, (input: any) => any>} */
  const ecrOps = { DescribeImages: (i) => ecr.describeImages(i), BatchGetImage: (i) => ecr.batchGetImage(i) };
  const kms = (/** @type {string} */ operation) => async (/** @type {any} */ input) => {
    const { status, body } = exec.handleKms(operation, input);
    const error = /** @type {any} */ (body);
    if (status >= 400) throw new ApiError(status, error?.__type ?? 'KMSInternalException', error?.message ?? '');
    return body;
  };

  const state = () => ({
    simTime: sim.now,
    timeScale: scenario.timeScale,
    startedAt: clock.startWallMs,
    clusters: [...sim.clusters.values()],
    services: [...sim.services.values()].map((s) => ({
      ...serviceView(sim, s),
      taskDefinitionDetails: taskDefinitions.find(s.taskDefinition)?.taskDefinition,
      lastCompletedDeploymentId: s.lastCompleted?.id,
    })),
    tasks: [...sim.tasks.values()].map((t) => ({ ...t.api, deploymentId: t.deploymentId })),
    serviceDeployments: [...sim.serviceDeployments.values()].map((sd) => ({ ...serviceDeploymentView(sim, sd), statusHistory: sd.statusHistory, ...(sd.staged ? { stagedHistory: sd.staged.history } : {}) })),
    serviceRevisions: [...sim.serviceRevisions.values()],
    taskDefinitions: taskDefinitions.all(),
    ecr: ecr.state(),
    elbv2: sim.targetGroups.state(),
    execSessions: exec.state(),
    logs: sim.logs.state(),
    timelineErrors: sim.timelineErrors,
    events: events.state(),
    scheduler: scheduler.state(),
    requests,
  });

  /** @type {() => void} */
  let requestStop = () => {};
  const server = createApiServer({
    simTime: () => sim.now,
    advance: () => sim.advance(),
    route: (service, operation) => {
      if (service === 'ecs') return ecs.handler(operation);
      if (service === 'ecr') return ecrOps[operation];
      if (service === 'logs') return sim.logs.handler(operation);
      if (service === 'elasticloadbalancing') return elb.handler(operation);
      if (service === 'events') return events.handler(operation);
      if (service === 'scheduler') return scheduler.handler(operation);
      return kms(operation);
    },
    restRoute: schedulerRoute,
    fault: ({ service, operation, input }) => faults.pick({ service, operation, simTime: sim.now, resource: resourceOf(sim, input), input }),
    throttle: (service, operation) => service !== 'ecs' || throttler.take(operation),
    state,
    onShutdown: () => requestStop(),
    log: (entry) => {
      requests.push(entry);
      if (verbose) console.error(`${entry.service}.${entry.operation} -> ${entry.status}${entry.errorType ? ` ${entry.errorType}` : ''}`);
    },
    onResponse,
    requestValidation: { unknownMembers: scenario.undocumented?.unknownRequestMembers },
    verbose,
  });
  server.on('upgrade', (req, socket, head) => {
    if (!exec.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  boundPort = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const timer = setInterval(() => sim.advance(), TICK_MS);
  timer.unref();

  /** @type {Promise<void> | undefined} */
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(timer);
      await exec.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    })();
    return stopping;
  };
  /** @type {Promise<void>} */
  const stopped = new Promise((resolve) => { requestStop = () => resolve(); });
  return { url: `http://127.0.0.1:${boundPort}`, port: boundPort, state, stop, stopped };
}

/**
 * The resource an IAM denial names: the service, else the cluster, else "*".
 * @param {Engine} engine @param {any} input
 */
function resourceOf(engine, input) {
  const cluster = String(input?.cluster ?? 'default').split('/').pop();
  if (typeof input?.service === 'string') return engine.arn(`service/${cluster}/${input.service.split('/').pop()}`);
  if (input?.cluster) return engine.arn(`cluster/${cluster}`);
  return '*';
}
