/**
 * `npm run demo`: starts the local ECS emulator and runs the built action (dist/index.js) once per
 * step below, exactly as the Actions runner would, printing each step's log as the Actions UI
 * shows it (demo/render.js: groups as headings, masks applied, errors coloured), its outputs and
 * where its job summary was saved. Step 1 runs a release task (a migration) before its update and moves the
 * scheduled tasks (an EventBridge rule and a Scheduler schedule) to the verified revision; step 3's
 * failed smoke check moves none; step 5 is a slow deploy, explained;
 * step 6 releases two services together.
 * Exits 0 when every step got the verdict it should. `npm run demo -- --raw` (or DEMO_RAW=1)
 * prints the action's stdout as it is, workflow commands and all.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../emulator/index.js';
import { ROOT, runAction } from '../test-support/action-runner.js';
import { closingLine, createRenderer, painter, renderOutputs, wantsColor } from './render.js';

const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/web';
const WORKER = '123456789012.dkr.ecr.us-east-1.amazonaws.com/worker';
const common = {
  'task-definition': 'demo/task-definition.json',
  cluster: 'demo',
  service: 'web',
  'poll-interval-seconds': '0.5',
};

const steps = [
  {
    title: 'Migrate the database with a release task of web:v2, deploy web:v2, smoke-check it, then move its scheduled tasks to web:2',
    inputs: {
      ...common,
      'container-images': `web=${IMAGE}:v2`,
      'run-task': 'true',
      'run-task-command': './migrate up',
      'smoke-command': 'healthcheck',
      'smoke-expect': 'database: ok',
      'scheduled-tasks': 'move',
    },
    expect: { code: 0, result: 'deployed' },
  },
  {
    title: 'Deploy web:v3, whose app crashes on start (the circuit breaker rolls it back; the explanation shows its last log lines and the fix)',
    inputs: { ...common, 'container-images': `web=${IMAGE}:v3` },
    expect: { code: 1, result: 'rolled-back' },
  },
  {
    title: 'Deploy web:v4, which starts but fails its smoke check (the action rolls it back, and the scheduled tasks stay on web:2)',
    inputs: { ...common, 'container-images': `web=${IMAGE}:v4`, 'smoke-command': 'healthcheck', 'scheduled-tasks': 'move' },
    expect: { code: 1, result: 'smoke-failed-rolled-back' },
  },
  {
    title: 'Deploy web:v4 to web-bg (BLUE_GREEN with a PAUSE hook): the smoke check fails at the pause, so production never sees v4',
    inputs: { ...common, service: 'web-bg', 'container-images': `web=${IMAGE}:v4`, 'smoke-command': 'healthcheck' },
    expect: { code: 1, result: 'smoke-failed-rolled-back' },
    production: 'web-bg',
  },
  {
    title: 'Deploy web:v2 to web-lb, behind a target group with a 300 s deregistration delay: five slow minutes (10 s here), and the action says where they went',
    inputs: { ...common, service: 'web-lb', 'container-images': `web=${IMAGE}:v2` },
    expect: { code: 0, result: 'deployed' },
    check: (run) => advises(run, 'deregistration_delay.timeout_seconds'),
  },
  {
    title: 'Release web:v5 and worker:v2 together: worker fails its smoke check, so both services return to the revisions they ran before',
    inputs: {
      cluster: 'demo',
      services: '- service: web\n  task-definition: demo/task-definition.json\n  smoke-command: healthcheck\n- service: worker\n  smoke-command: healthcheck',
      'container-images': `web=${IMAGE}:v5\nworker=${WORKER}:v2`,
      'poll-interval-seconds': '0.5',
      'scheduled-tasks': 'move',
    },
    expect: { code: 1, result: 'rolled-back' },
    check: (run) => nothingMoved(run),
  },
];

/** Whether the deploy-timings output advises on this setting. */
function advises(run, setting) {
  const advice = JSON.parse(run.outputs['deploy-timings'] ?? '{}').advice ?? [];
  console.log(`\n  deploy-timings advice: ${advice.map((a) => `${a.setting} (cost ${a.costSeconds} s, would save about ${a.saveSeconds} s)`).join('; ') || 'none'}`);
  return advice.some((a) => a.setting === setting);
}

/** Whether the step moved no scheduled task (a failed release moves none). */
function nothingMoved(run) {
  const tasks = JSON.parse(run.outputs['scheduled-tasks'] ?? '[]');
  const moved = tasks.filter((task) => task.moved);
  console.log(`  scheduled tasks moved: ${moved.length === 0 ? 'none' : moved.map((task) => task.name).join(', ')} (of ${tasks.length})`);
  return tasks.length > 0 && moved.length === 0;
}

/** Whether the emulator's record of our service deployment shows no production traffic on the new revision, ever. */
function neverInProduction(run) {
  const sd = emulator.state().serviceDeployments.find((d) => d.serviceDeploymentArn === run.outputs['service-deployment-arn']);
  const never = sd?.stagedHistory?.every((entry) => !entry.productionOnGreen) ?? false;
  console.log(`  production traffic on the new revision: ${never ? 'never (0% throughout)' : 'yes'}`);
  return never;
}

const raw = process.argv.includes('--raw') || Boolean(process.env.DEMO_RAW);
const color = wantsColor(process.stdout);
const paint = painter(color);
const GUTTER = '  │ ';

/** One step: the action's log (rendered, or raw), its outputs, and whether it got the verdict it should. */
async function runStep(step, index, summaries) {
  console.log(paint('bold', `━━ Step ${index + 1}: ${step.title}`));
  const renderer = createRenderer({ write: (text) => process.stdout.write(text), color, gutter: GUTTER });
  const run = await runAction({
    endpoint: emulator.url,
    inputs: step.inputs,
    onStdout: raw ? (chunk) => process.stdout.write(chunk.replace(/^(?=.)/gm, GUTTER)) : (chunk) => renderer.push(chunk),
  });
  renderer.end();
  if (run.stderr.trim() !== '') process.stdout.write(run.stderr.replace(/^/gm, `${GUTTER}stderr: `).replace(/stderr: $/, ''));
  console.log('');
  process.stdout.write(renderOutputs(run.outputs, { color, gutter: '  ', mask: renderer.mask }));
  const summary = path.join(summaries, `step-${index + 1}.md`);
  await fs.writeFile(summary, run.summary);
  const got = { code: run.code, result: run.outputs.result };
  // A step may carry its own check of the emulator's state (`check(run, emulator)`, true when it holds).
  const ok = got.code === step.expect.code && got.result === step.expect.result && (!step.production || neverInProduction(run)) && (!step.check || step.check(run, emulator));
  const verdict = `exit status ${got.code}, result '${got.result}'`;
  console.log(
    ok
      ? paint('green', `  ✓ ${verdict}, as expected`)
      : paint('red', `  ✗ ${verdict}; expected exit status ${step.expect.code}, result '${step.expect.result}'${step.production ? ', production never on the new revision' : ''}`),
  );
  console.log(`  job summary: ${summary}\n`);
  return { step: index + 1, ok, got, expected: step.expect };
}

const emulator = await startEmulator({ scenarioPath: path.join(ROOT, 'demo', 'scenario.json') });
const summaries = await fs.mkdtemp(path.join(os.tmpdir(), 'ecs-deploy-verify-demo-'));
console.log(`ECS emulator listening on ${emulator.url} (scenario demo/scenario.json); job summaries go to ${summaries}\n`);
const verdicts = [];
try {
  for (const [index, step] of steps.entries()) verdicts.push(await runStep(step, index, summaries));
  console.log(paint('bold', '━━ Result'));
  for (const service of emulator.state().services) console.log(`  service ${service.serviceName} now runs ${service.taskDefinition.split('/').pop()}`);
  const { events, scheduler } = emulator.state();
  for (const rule of events) for (const target of rule.Targets) console.log(`  EventBridge rule ${rule.Name} (target ${target.Id}) now runs ${target.EcsParameters.TaskDefinitionArn.split('/').pop()}`);
  for (const schedule of scheduler.schedules) console.log(`  schedule ${schedule.Name} (group ${schedule.GroupName}) now runs ${schedule.Target.EcsParameters.TaskDefinitionArn.split('/').pop()}`);
} finally {
  await emulator.stop();
  const line = closingLine(verdicts, steps.length);
  console.log(verdicts.length === steps.length && verdicts.every((v) => v.ok) ? paint('green', line) : paint('red', line));
}
process.exit(verdicts.length === steps.length && verdicts.every((v) => v.ok) ? 0 : 1);
