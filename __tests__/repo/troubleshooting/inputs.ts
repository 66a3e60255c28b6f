/** Examples of refused inputs and task definition files: each read by the code that checks it. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { getInputs } from '../../../src/inputs.js';
import { withServices } from '../../../src/release/services-input.js';
import { loadReleaseFiles } from '../../../src/release/files.js';
import { parseTaskDefinitionText, prepareTaskDefinition, readTaskDefinitionFile } from '../../../src/task-definition/load.js';
import { definition, ECR, refusal, WORKSPACE, type Producers } from './support.js';

const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';
/** What getInputs says of these inputs; `endpoint`: AWS_ENDPOINT_URL as the step sees it (here: not set). */
const inputs = (values: Record<string, string>) => refusal(() => getInputs(read(values), WORKSPACE, ''));
const DEPLOY = { 'task-definition': '.aws/task-definition.json', cluster: 'prod', service: 'web' };
const SMOKE = 'curl -fsS localhost:8080/healthz';

const prepare = (parsed: unknown, images: Array<{ container: string; image: string }> = []) =>
  refusal(() => prepareTaskDefinition(parsed, '.aws/task-definition.json', images));

/** The 'services' input with the files it names written to a workspace, read as the release reads them before any AWS call. */
async function release(services: string, files: Record<string, unknown> = {}, values: Record<string, string> = {}): Promise<string> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'troubleshooting-'));
  try {
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
      fs.writeFileSync(path.join(workspace, file), JSON.stringify(content));
    }
    return await refusal(async () => loadReleaseFiles(await withServices(getInputs(read({ cluster: 'prod', services, ...values }), workspace, ''))));
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

export const producers: Producers = {
  'input-value': () => inputs({ ...DEPLOY, 'smoke-command': SMOKE, 'smoke-tasks': 'two' }),
  'input-file-and-arn': () => inputs({ ...DEPLOY, 'task-definition-arn': 'web:7' }),
  'input-images-with-arn': () => inputs({ cluster: 'prod', service: 'web', 'task-definition-arn': 'web:7', 'container-images': `web=${ECR}/web:v2` }),
  'input-smoke-no-wait': () => inputs({ ...DEPLOY, 'smoke-command': SMOKE, 'wait-for-service-stability': 'false' }),
  'input-smoke-no-service': () => inputs({ 'task-definition': '.aws/task-definition.json', 'smoke-command': SMOKE }),
  'input-smoke-mode': () => inputs({ mode: 'smoke', cluster: 'prod', service: 'web' }),
  'input-smoke-shell': () => inputs({ ...DEPLOY, 'smoke-command': SMOKE, 'smoke-shell': 'bash' }),
  'input-smoke-expect': () => inputs({ ...DEPLOY, 'smoke-command': SMOKE, 'smoke-expect': 'status: (ok' }),
  'input-pause-stages': () => inputs({ ...DEPLOY, 'smoke-command': SMOKE, 'pause-stages': 'POST_TEST_TRAFFIC_SHIFT, PRE_SCALE_UP' }),
  'input-poll-floor': () => inputs({ ...DEPLOY, 'poll-interval-seconds': '0.5' }),
  'input-scheduled-move': () => inputs({ ...DEPLOY, 'scheduled-tasks': 'move', 'wait-for-service-stability': 'false' }),
  'input-run-task-command': () => inputs({ ...DEPLOY, 'run-task': 'true', 'run-task-command': 'rails db:migrate && rails db:seed' }),
  'input-run-task-wait': () => inputs({ ...DEPLOY, 'run-task': 'true', 'run-task-command': 'bin/migrate up', 'wait-for-task-stopped': 'false' }),
  'input-run-task-launch': () =>
    inputs({ ...DEPLOY, 'run-task': 'true', 'run-task-launch-type': 'FARGATE', 'run-task-capacity-provider-strategy': '[{"capacityProvider": "FARGATE_SPOT", "weight": 1}]' }),
  'input-run-task-overrides': () =>
    inputs({ ...DEPLOY, 'run-task': 'true', 'run-task-container-overrides': '[{"name": "web", "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}]}' }),

  'input-services-beside': () => release('- web\n- worker', {}, { service: 'web' }),
  'input-services-key': () => release('- service: web\n  task-definition: .aws/web.json\n- service: worker\n  smoke-comand: bin/check\n'),
  'input-services-family': () =>
    release('- service: web\n  task-definition: .aws/web.json\n- service: admin\n  task-definition: .aws/admin.json\n', {
      '.aws/web.json': definition(),
      '.aws/admin.json': definition({ cpu: '512', memory: '1024' }),
    }),
  'input-run-task-service': () => release('- web\n- worker', {}, { 'run-task': 'true', 'run-task-service': 'api' }),

  'file-missing': () => refusal(() => readTaskDefinitionFile('.aws/task-definition.json', `${WORKSPACE}/.aws/task-definition.json`)),
  'file-json': () => refusal(() => parseTaskDefinitionText('{\n  "family": "web",\n  "cpu": "256",\n}\n', '.aws/task-definition.json')),
  'file-yaml': () => refusal(() => parseTaskDefinitionText('family: web\ncontainerDefinitions:\n  - name: web\n     image: nginx\n', '.aws/task-definition.yaml')),
  'file-list': () => prepare([definition(), definition({ family: 'worker' })]),
  'file-string': async () => refusal(async () => prepareTaskDefinition(await parseTaskDefinitionText('.aws/task-definition.json\n', 'deploy/web'), 'deploy/web', [])),
  'file-wrapper': () => prepare({ taskDefinition: definition(), ResponseMetadata: { RequestId: 'x' } }),
  'file-unknown-key': () => prepare(definition({ containerDefinitions: [{ name: 'web', image: 'nginx', enviroment: [{ name: 'APP_ENV', value: 'production' }] }] })),
  'file-environment-object': () => prepare(definition({ containerDefinitions: [{ name: 'web', image: 'nginx', environment: { APP_ENV: 'production', DB_PASSWORD: 'hunter2' } }] })),
  'file-fargate-rule': () => prepare(definition({ containerDefinitions: [{ name: 'web', image: 'nginx', portMappings: [{ containerPort: 8080, hostPort: 80 }] }] })),
  'file-too-large': () => prepare(definition({ containerDefinitions: [{ name: 'web', image: 'nginx', command: ['echo', 'x'.repeat(70_000)] }] })),
  'file-no-container': () => prepare(definition(), [{ container: 'app', image: `${ECR}/web:v2` }]),
};
