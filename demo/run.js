/**
 * `npm run demo`: starts the local ECS emulator and runs the built action (dist/index.js) once
 * per step exactly as the Actions runner would, printing each step's log. Step 1 runs a release
 * task (a migration) before its update; step 5 releases two services together. Exits 0 when every step
 * got the verdict it should.
 */
import * as path from 'node:path';
import { startEmulator } from '../emulator/index.js';
import { ROOT, runAction } from '../test-support/action-runner.js';

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
    title: 'Migrate the database with a release task of web:v2, then deploy web:v2 and smoke-check it',
    inputs: {
      ...common,
      'container-images': `web=${IMAGE}:v2`,
      'run-task': 'true',
      'run-task-command': './migrate up',
      'smoke-command': 'healthcheck',
      'smoke-expect': 'database: ok',
    },
    expect: { code: 0, result: 'deployed' },
  },
  {
    title: 'Deploy web:v3, whose app crashes on start (the circuit breaker rolls it back; the explanation shows its last log lines and the fix)',
    inputs: { ...common, 'container-images': `web=${IMAGE}:v3` },
    expect: { code: 1, result: 'rolled-back' },
  },
  {
    title: 'Deploy web:v4, which starts but fails its smoke check (the action rolls it back)',
    inputs: { ...common, 'container-images': `web=${IMAGE}:v4`, 'smoke-command': 'healthcheck' },
    expect: { code: 1, result: 'smoke-failed-rolled-back' },
  },
  {
    title: 'Deploy web:v4 to web-bg (BLUE_GREEN with a PAUSE hook): the smoke check fails at the pause, so production never sees v4',
    inputs: { ...common, service: 'web-bg', 'container-images': `web=${IMAGE}:v4`, 'smoke-command': 'healthcheck' },
    expect: { code: 1, result: 'smoke-failed-rolled-back' },
    production: 'web-bg',
  },
  {
    title: 'Release web:v5 and worker:v2 together: worker fails its smoke check, so both services return to the revisions they ran before',
    inputs: {
      cluster: 'demo',
      services: '- service: web\n  task-definition: demo/task-definition.json\n  smoke-command: healthcheck\n- service: worker\n  smoke-command: healthcheck',
      'container-images': `web=${IMAGE}:v5\nworker=${WORKER}:v2`,
      'poll-interval-seconds': '0.5',
    },
    expect: { code: 1, result: 'rolled-back' },
  },
];

/** Whether the emulator's record of our service deployment shows no production traffic on the new revision, ever. */
function neverInProduction(run) {
  const sd = emulator.state().serviceDeployments.find((d) => d.serviceDeploymentArn === run.outputs['service-deployment-arn']);
  const never = sd?.stagedHistory?.every((entry) => !entry.productionOnGreen) ?? false;
  console.log(`\n  production traffic on the new revision: ${never ? 'never (0% throughout)' : 'yes'}`);
  return never;
}

const bold = (text) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

const emulator = await startEmulator({ scenarioPath: path.join(ROOT, 'demo', 'scenario.json') });
console.log(`ECS emulator listening on ${emulator.url} (scenario demo/scenario.json)\n`);
const verdicts = [];
try {
  for (const [index, step] of steps.entries()) {
    console.log(bold(`━━ Step ${index + 1}: ${step.title}`));
    const run = await runAction({
      endpoint: emulator.url,
      inputs: step.inputs,
      onStdout: (chunk) => process.stdout.write(chunk.replace(/^/gm, '  │ ').replace(/ {2}│ $/, '')),
    });
    const ok = run.code === step.expect.code && run.outputs.result === step.expect.result && (!step.production || neverInProduction(run));
    verdicts.push({ step: index + 1, ok, result: run.outputs.result, code: run.code, expected: step.expect, summary: run.summaryPath });
    console.log(`\n  exit status ${run.code}, result '${run.outputs.result}' — expected ${step.expect.code} / '${step.expect.result}': ${ok ? 'as expected' : 'UNEXPECTED'}`);
    console.log(`  job summary: ${run.summaryPath}\n`);
  }
  const services = emulator.state().services;
  console.log(bold('━━ Result'));
  for (const v of verdicts) console.log(`  step ${v.step}: ${v.ok ? 'ok  ' : 'FAIL'} result=${v.result} exit=${v.code}  (summary: ${v.summary})`);
  for (const service of services) console.log(`  service ${service.serviceName} now runs ${service.taskDefinition}`);
} finally {
  await emulator.stop();
}
const failed = verdicts.filter((v) => !v.ok);
process.exit(failed.length === 0 && verdicts.length === steps.length ? 0 : 1);
