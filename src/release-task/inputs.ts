/**
 * The run-task-* inputs (names follow aws-actions/amazon-ecs-deploy-task-definition where they
 * overlap), read into one typed object by getInputs. Network, launch type and capacity provider
 * inputs left empty mean "as the service runs".
 */
import type { CapacityProviderStrategyItem, ContainerOverride } from '@aws-sdk/client-ecs';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { ActionError, InputError } from '../errors.js';
import { text } from '../input-values.js';
import { lineColumn } from '../task-definition/syntax.js';
import { CommandSplitError, splitCommand } from './split.js';

export interface RunTaskInputs {
  /** Undefined keeps the image's command. */
  command?: string[];
  /** Undefined: the first essential container. */
  container?: string;
  containerOverrides: ContainerOverride[];
  subnets?: string[];
  securityGroups?: string[];
  assignPublicIp?: 'ENABLED' | 'DISABLED';
  launchType?: 'FARGATE' | 'EC2' | 'EXTERNAL' | 'MANAGED_INSTANCES';
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  startedBy: string;
  waitForStop: boolean;
  timeoutMinutes: number;
}

type Read = (name: string) => string;

function list(read: Read, name: string): string[] | undefined {
  const value = text(read, name);
  return value === undefined ? undefined : value.split(/[\s,]+/).filter(Boolean);
}

/**
 * A JSON input. Syntax errors are worded from the parser's error code and position, never from
 * JSON.parse's message, which quotes the text around the error. `secret`: the value may hold
 * environment values (container overrides), so it is not quoted either.
 */
function json<T>(read: Read, name: string, expected: string, check: (value: unknown) => value is T, secret = false): T | undefined {
  const value = text(read, name);
  if (value === undefined) return undefined;
  const fail = (problem?: string): never => {
    if (!secret) throw new InputError(name, value, problem ? `${expected} (${problem})` : expected);
    throw new ActionError(`Invalid input '${name}' (its value is not shown: it may hold environment values)${problem ? `: ${problem}` : ''}. Expected ${expected}.`);
  };
  const errors: ParseError[] = [];
  const parsed: unknown = parseJsonc(value, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) {
    const { line, column } = lineColumn(value, errors[0].offset);
    fail(`not valid JSON at line ${line}, column ${column}: ${printParseErrorCode(errors[0].error)}`);
  }
  if (!check(parsed)) fail();
  return parsed as T;
}

const isObjectList = (value: unknown): value is Array<Record<string, unknown>> =>
  Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item));

const isOverrides = (value: unknown): value is ContainerOverride[] => isObjectList(value) && value.every((item) => typeof item.name === 'string');
const isStrategy = (value: unknown): value is CapacityProviderStrategyItem[] => isObjectList(value) && value.every((item) => typeof item.capacityProvider === 'string');

function choice<T extends string>(read: Read, name: string, allowed: readonly T[]): T | undefined {
  const value = text(read, name);
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(name, value, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
}

export function runTaskInputs(read: Read, bool: (name: string, fallback: boolean) => boolean, number: (name: string, fallback: number) => number): RunTaskInputs {
  const commandText = text(read, 'run-task-command');
  let command: string[] | undefined;
  try {
    command = commandText === undefined ? undefined : splitCommand(commandText);
  } catch (error) {
    if (error instanceof CommandSplitError) throw new InputError('run-task-command', commandText!, `arguments as a shell would split them: ${error.message}`);
    throw error;
  }
  const launchType = choice(read, 'run-task-launch-type', ['FARGATE', 'EC2', 'EXTERNAL', 'MANAGED_INSTANCES'] as const);
  const capacityProviderStrategy = json(read, 'run-task-capacity-provider-strategy', 'a JSON list of {"capacityProvider": "...", "weight": n, "base": n}', isStrategy);
  if (launchType && capacityProviderStrategy) {
    throw new InputError('run-task-capacity-provider-strategy', text(read, 'run-task-capacity-provider-strategy')!, "to be empty when 'run-task-launch-type' is set (RunTask takes one or the other)");
  }
  return {
    command,
    container: text(read, 'run-task-container'),
    containerOverrides: json(read, 'run-task-container-overrides', 'a JSON list of containerOverrides, e.g. [{"name": "app", "environment": [{"name": "X", "value": "1"}]}]', isOverrides, true) ?? [],
    subnets: list(read, 'run-task-subnets'),
    securityGroups: list(read, 'run-task-security-groups'),
    assignPublicIp: choice(read, 'run-task-assign-public-IP', ['ENABLED', 'DISABLED'] as const),
    launchType,
    capacityProviderStrategy,
    startedBy: text(read, 'run-task-started-by') ?? 'ecs-deploy-verify',
    waitForStop: bool('wait-for-task-stopped', true),
    timeoutMinutes: number('run-task-timeout-minutes', 30),
  };
}
