/** What a cancel during the release task says, at each point it can land. */
import { describe, expect, it } from '@jest/globals';
import { cancelledReason, cancelledSentence } from '../../src/release-task/cancel.js';

const TASK = 'arn:aws:ecs:us-east-1:123456789012:task/demo/0123456789abcdef0123456789abcdef';
const AFTER = 'the service was not updated and runs web:1';

describe('cancelledSentence', () => {
  it.each([
    [{ stage: 'before-start' as const }, 'Cancelled before the release task of web:2 was started: nothing was started, and the service was not updated and runs web:1.', 'cancelled before it started'],
    [
      { stage: 'starting' as const, startedBy: 'release 42' },
      "Cancelled while RunTask was starting the release task of web:2: a task may have started (startedBy release 42), and the service was not updated and runs web:1. Find it with: aws ecs list-tasks --cluster demo --started-by 'release 42'; stop it with: aws ecs stop-task --cluster demo --task <task ARN>",
      'cancelled while RunTask was starting it; it may be running',
    ],
    [
      { stage: 'running' as const, taskArn: TASK, lastStatus: 'RUNNING' },
      `Cancelled while the release task 0123456789abcdef0123456789abcdef of web:2 was RUNNING: the action did not stop it, and the service was not updated and runs web:1. The task keeps running until it ends: ${TASK}. To stop it: aws ecs stop-task --cluster demo --task ${TASK} --reason 'cancelled release task (ecs-deploy-verify)'`,
      'cancelled while RUNNING; left running',
    ],
  ])('%o', (point, sentence, reason) => {
    expect(cancelledSentence(point, 'web:2', 'demo', AFTER)).toBe(sentence);
    expect(cancelledReason(point)).toBe(reason);
  });
});
