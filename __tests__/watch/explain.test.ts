/** Grouping stopped tasks into a readable failure explanation. */
import { describe, it, expect } from '@jest/globals';
import type { Task } from '@aws-sdk/client-ecs';
import { describeStoppedTasks } from '../../src/watch/explain.js';
import { loadFixture, TD8 } from '../../__fixtures__/watch/load.js';

const ours = (name: string): Task[] =>
  (loadFixture(name).describeTasks.tasks as Task[]).filter((task) => task.taskDefinitionArn === TD8);

describe('describeStoppedTasks', () => {
  it.each([
    [
      'out-of-memory kills, grouped with counts per container outcome',
      ours('circuit-breaker-rollback'),
      [
        '3 tasks of web:8 stopped (EssentialContainerExited): Essential container in task exited [4b1e0f8d2c3a4e5f9a8b7c6d5e4f3a2b, 9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f, 1f2e3d4c5b6a79880a9b8c7d6e5f4a3b]',
        "  container 'app': exit code 137 (killed with SIGKILL, possibly out of memory), reason: OutOfMemoryError: Container killed due to memory usage (3 tasks)",
        "  container 'log-router': exit code 0 (3 tasks)",
      ],
    ],
    [
      'image pull failures, which have no container exit codes',
      ours('first-deployment'),
      [
        '2 tasks of web:8 stopped (TaskFailedToStart): CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref 123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:8f3a2c1: not found [6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d, 0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a]',
      ],
    ],
    [
      'one task without a stop reason',
      [{ taskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/demo/abc', containers: [{ name: 'app', exitCode: 1 }] }],
      ['1 task of web:8 stopped (unknown): no reason given [abc]', "  container 'app': exit code 1"],
    ],
  ])('%s', (_name, tasks, lines) => {
    expect(describeStoppedTasks(tasks, TD8)).toEqual(lines);
  });
});
