/**
 * Run by __tests__/repo/quiet-output.test.js, never by `npm test`: a test that times out while its
 * action run goes on (ECS_DEPLOY_VERIFY_BUNDLE is a script that never ends). It writes the run's
 * pid to ABANDONED_PID_FILE; the environment must have killed that process when the test ended.
 */
import * as fs from 'node:fs';
import { it } from '@jest/globals';
import { runAction } from '../action-runner.js';

it('times out while its run goes on', async () => {
  await runAction({ endpoint: 'http://127.0.0.1:9', inputs: {}, onSpawn: (child) => fs.writeFileSync(process.env.ABANDONED_PID_FILE, String(child.pid)) });
}, 1000);
