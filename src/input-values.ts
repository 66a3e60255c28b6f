/** How one input's text becomes a value: blanks, booleans, choices, numbers, lines and pairs, each refusal naming the input. */
import { InputError } from './errors.js';

/** Reads one input by name; `core.getInput` in the action, a map in tests. */
export type InputReader = (name: string) => string;

const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);

export function text(read: InputReader, name: string): string | undefined {
  const value = read(name).trim();
  return value === '' ? undefined : value;
}

export function bool(read: InputReader, name: string, fallback: boolean): boolean {
  const value = text(read, name);
  if (value === undefined) return fallback;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new InputError(name, value, "'true' or 'false'");
}

export function optionalBool(read: InputReader, name: string): boolean | undefined {
  return text(read, name) === undefined ? undefined : bool(read, name, false);
}

export function oneOf<T extends string>(read: InputReader, name: string, allowed: readonly T[], fallback: T): T {
  const value = text(read, name) ?? fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(name, value, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
}

export interface NumberRule {
  integer?: boolean;
  min: number;
  max?: number;
}

export function parseNumber(name: string, value: string, rule: NumberRule): number {
  const pattern = rule.integer ? /^\d+$/ : /^\d+(\.\d+)?$|^\.\d+$/;
  const parsed = Number(value);
  const range = rule.max === undefined ? `at least ${rule.min}` : `between ${rule.min} and ${rule.max}`;
  if (!pattern.test(value) || parsed < rule.min || (rule.max !== undefined && parsed > rule.max)) {
    throw new InputError(name, value, `${rule.integer ? 'a whole number' : 'a number'} ${range}`);
  }
  return parsed;
}

export function number(read: InputReader, name: string, fallback: number, rule: NumberRule): number {
  const value = text(read, name);
  return value === undefined ? fallback : parseNumber(name, value, rule);
}

/** Non-empty lines, with `#` comments and surrounding blanks removed. */
export function lines(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export function pairs(read: InputReader, name: string, form: string): Array<[string, string]> {
  return lines(text(read, name)).map((line) => {
    const at = line.indexOf('=');
    const key = at > 0 ? line.slice(0, at).trim() : '';
    const value = at > 0 ? line.slice(at + 1).trim() : '';
    if (key === '' || value === '') throw new InputError(name, line, `one '${form}' per line`);
    return [key, value];
  });
}
