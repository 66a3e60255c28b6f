/**
 * The job log of several services deployed at once: every line a service's phases print starts
 * with `[service]`, so interleaved lines stay readable. Groups cannot interleave, so a service's
 * `::group::` becomes a plain heading line and its `::endgroup::` is dropped; a message command
 * (`::error::`, `::warning::`, `::notice::`) keeps its command and gets the name in its message;
 * every other command (`::add-mask::`, `::stop-commands::` and its end token) is left untouched.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<string>();
const MESSAGE = /^(::(?:error|warning|notice)(?: [^:]*)?::)(.*)$/s;

function prefixed(line: string, name: string): string | undefined {
  if (line === '') return line;
  if (line.startsWith('::group::')) return `[${name}] ▸ ${line.slice('::group::'.length)}`;
  if (line.startsWith('::endgroup::')) return undefined;
  const message = MESSAGE.exec(line);
  if (message) return `${message[1]}[${name}] ${message[2]}`;
  if (line.startsWith('::')) return line;
  return `[${name}] ${line}`;
}

/** What one write of the action's output becomes inside a service's phases. */
export function labelOutput(text: string, name: string): string {
  return text
    .split('\n')
    .map((line) => prefixed(line, name))
    .filter((line): line is string => line !== undefined)
    .join('\n');
}

type Write = (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;

/**
 * Runs `during` (the services' phases) with stdout wrapped once: a write made inside a service's
 * phases (asService) is labelled with its name, any other passes as it is.
 */
export async function labelled<T>(during: () => Promise<T>): Promise<T> {
  const write = process.stdout.write.bind(process.stdout) as Write;
  const label: Write = (chunk, ...rest) => {
    const name = current.getStore();
    return write(name !== undefined && typeof chunk === 'string' ? labelOutput(chunk, name) : chunk, ...rest);
  };
  process.stdout.write = label as typeof process.stdout.write;
  try {
    return await during();
  } finally {
    process.stdout.write = write as typeof process.stdout.write;
  }
}

/** Runs one service's phases with its name on their lines. */
export function asService<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return current.run(name, fn);
}
