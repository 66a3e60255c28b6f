/** Examples of the smoke check's preflight refusals and the release task's network. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import { checkTaskDefinition, chooseContainer, execReadiness } from '../../../src/smoke/preflight.js';
import { runSmokeCheck } from '../../../src/smoke/check.js';
import { requirePlugin } from '../../../src/exec/plugin.js';
import { runTaskRequest } from '../../../src/release-task/request.js';
import { ACCOUNT, ECR, ecsClient, refusal, TASK_DEFINITION, type Producers } from './support.js';

const TD: TaskDefinition = {
  family: 'web',
  revision: 8,
  taskDefinitionArn: TASK_DEFINITION('web:8'),
  networkMode: 'awsvpc',
  taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/web-task`,
  containerDefinitions: [{ name: 'web', image: `${ECR}/web:v2`, essential: true, linuxParameters: { initProcessEnabled: true } }],
};

export const producers: Producers = {
  'smoke-container': () => refusal(() => chooseContainer(TD, 'app')),
  'smoke-readonly': () => refusal(() => checkTaskDefinition(TD, { ...TD.containerDefinitions![0], readonlyRootFilesystem: true })),
  'smoke-no-task-role': () => refusal(() => checkTaskDefinition({ ...TD, taskRoleArn: undefined }, TD.containerDefinitions![0])),
  'smoke-exec-off': () =>
    refusal(() => execReadiness({ taskArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task/prod/0f1e2d3c4b5a69788796a5b4c3d2e1f0`, lastStatus: 'RUNNING', enableExecuteCommand: false }, 'web')),
  'smoke-shell-none': () => refusal(() => runSmokeCheck(ecsClient(), { smoke: { shell: 'none', expect: undefined } } as never, {} as never)),
  'smoke-plugin': async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-plugin-'));
    const saved = process.env.PATH;
    process.env.PATH = empty;
    try {
      return await refusal(() => requirePlugin());
    } finally {
      process.env.PATH = saved;
      fs.rmSync(empty, { recursive: true, force: true });
    }
  },
  'run-task-subnets': () =>
    refusal(() => runTaskRequest({ cluster: 'prod', taskDefinition: TD, runTask: { startedBy: 'ecs-deploy-verify', containerOverrides: [] } as never, container: 'web' })),
};
