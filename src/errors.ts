/**
 * Errors the action reports to the user. Every message is meant to be read in a
 * workflow log: what was attempted, what was said, what to do.
 */

/** An error whose message is complete and safe to print as the step's failure. */
export class ActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionError';
  }
}

/** A bad input: names the input, quotes the value, states the expected form. */
export class InputError extends ActionError {
  constructor(
    readonly input: string,
    value: string,
    expected: string,
    resolved?: string,
  ) {
    super(`Invalid input '${input}': ${resolved === undefined ? quote(value) : quotePath(value, resolved)}. Expected ${expected}.`);
    this.name = 'InputError';
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Quotes a user value for a message, shortening very long ones. */
export function quote(value: string): string {
  const shown = value.length > 200 ? `${value.slice(0, 200)}…` : value;
  return `'${shown}'`;
}

/** A path input as the user wrote it, then what it resolved to (when that differs). */
export function quotePath(input: string, resolved: string): string {
  return input === resolved ? quote(input) : `${quote(input)} (resolved to ${quote(resolved)})`;
}
