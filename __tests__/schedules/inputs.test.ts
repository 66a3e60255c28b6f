/** Input 'scheduled-tasks': its default, its values, and the combinations it refuses. */
import { describe, expect, it } from '@jest/globals';
import { getInputs } from '../../src/inputs.js';

const read = (values: Record<string, string>) => (name: string): string => values[name] ?? '';
const base = { 'task-definition': 'td.json', service: 'web' };

describe("input 'scheduled-tasks'", () => {
  it.each([
    [{}, 'report'],
    [{ 'scheduled-tasks': 'move' }, 'move'],
    [{ 'scheduled-tasks': ' none ' }, 'none'],
  ])('%j is %s', (values, expected) => {
    expect(getInputs(read({ ...base, ...values }), '/ws').scheduledTasks).toBe(expected);
  });

  it.each([
    [{ 'scheduled-tasks': 'Move' }, "Invalid input 'scheduled-tasks': 'Move'. Expected one of 'report', 'move', 'none'."],
    [
      { 'scheduled-tasks': 'move', 'wait-for-service-stability': 'false' },
      "Invalid input 'scheduled-tasks': 'move'. Expected 'report' or 'none' with wait-for-service-stability 'false' (targets move only after a deployment verified to its end).",
    ],
    [
      { 'scheduled-tasks': 'move', 'wait-for-service-stability': 'false', service: '', 'task-definition': '', services: '- web\n- worker' },
      "Invalid input 'scheduled-tasks': 'move'. Expected 'report' or 'none' with wait-for-service-stability 'false' (targets move only after a deployment verified to its end).",
    ],
    [
      { 'scheduled-tasks': 'move', service: '' },
      "Invalid input 'scheduled-tasks': 'move'. Expected 'report' or 'none' without a service (targets move only after a deployment verified to its end).",
    ],
  ])('refuses %j', (values, message) => {
    expect(() => getInputs(read({ ...base, ...values }), '/ws')).toThrow(message);
  });
});
