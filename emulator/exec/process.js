// @ts-check
// Runs an exec'd command on the host the way the agent runs it in a container: resolved like
// Go's exec.Command (no shell), stdin/stdout/stderr all on ONE bidirectional descriptor (a
// socket standing in for the pty slave, so stdout and stderr interleave exactly as written),
// and output translated as a pty's ONLCR would.
import { spawn } from 'node:child_process';
import { statSync, accessSync, constants as fsConstants } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Shell binaries a distroless image does not have, whatever the host has. */
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox', 'fish', 'csh', 'tcsh']);
const EXIT_NOT_FOUND = 127;
const EXIT_NOT_EXECUTABLE = 126;
const EXIT_DRAIN_MS = 200;

/** @param {string} file */
function isExecutableFile(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} file */
function exists(file) {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Go's exec.Command looks bare names up on PATH ("executable file not found in $PATH") and
 * execs names with a slash directly ("fork/exec X: no such file or directory").
 * @param {string} name argv[0]
 * @param {{ pathDirs: string[], cwd: string, shell: boolean }} where
 * @returns {{ file: string } | { error: string, exitCode: number }}
 */
export function resolveExecutable(name, { pathDirs, cwd, shell }) {
  /** @param {string} file */
  const absent = (file) => !shell && SHELLS.has(path.basename(file));
  if (name.includes('/')) {
    const file = path.resolve(cwd, name);
    if (absent(file) || !exists(file)) return { error: `fork/exec ${name}: no such file or directory`, exitCode: EXIT_NOT_FOUND };
    if (!isExecutableFile(file)) return { error: `fork/exec ${name}: permission denied`, exitCode: EXIT_NOT_EXECUTABLE };
    return { file };
  }
  for (const dir of pathDirs) {
    const file = path.join(dir, name);
    if (!absent(file) && isExecutableFile(file)) return { file };
  }
  return { error: `exec: "${name}": executable file not found in $PATH`, exitCode: EXIT_NOT_FOUND };
}

/**
 * @param {string} socketPath
 * @returns {Promise<{ parentEnd: net.Socket, childEnd: net.Socket }>}
 */
async function socketPair(socketPath) {
  const server = net.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve(undefined));
  });
  const accepted = new Promise((resolve) => server.once('connection', resolve));
  const childEnd = net.connect(socketPath);
  await new Promise((resolve, reject) => {
    childEnd.once('connect', resolve);
    childEnd.once('error', reject);
  });
  const parentEnd = /** @type {net.Socket} */ (await accepted);
  server.close();
  return { parentEnd, childEnd };
}

/** Every "\n" not already preceded by "\r" becomes "\r\n", also across chunk boundaries. */
export function createOnlcr() {
  let previous = -1;
  /** @param {Buffer} chunk */
  return (chunk) => {
    const out = [];
    for (const byte of chunk) {
      if (byte === 0x0a && previous !== 0x0d) out.push(0x0d);
      out.push(byte);
      previous = byte;
    }
    return Buffer.from(out);
  };
}

/**
 * @typedef {object} RunningCommand
 * @property {number} pid
 * @property {(data: Buffer) => void} write
 * @property {() => void} endInput
 * @property {(signal: NodeJS.Signals) => void} signal
 * @property {() => boolean} exited
 */

/**
 * @param {{ argv: string[], cwd: string, socketPath: string, env: Record<string, string>,
 *   pathDirs: string[], shell: boolean, onOutput: (data: Buffer) => void, onExit: (exitCode: number) => void }} options
 * @returns {Promise<{ command: RunningCommand } | { error: string, exitCode: number }>}
 */
export async function startCommand(options) {
  const [name, ...args] = options.argv;
  const resolved = resolveExecutable(name, options);
  if ('error' in resolved) return resolved;
  const { parentEnd, childEnd } = await socketPair(options.socketPath);
  const child = spawn(resolved.file, args, {
    argv0: name,
    cwd: options.cwd,
    env: options.env,
    stdio: [childEnd, childEnd, childEnd],
    detached: true,
  });
  // The child holds its own duplicate; ours must go so the child's exit ends the stream.
  childEnd.destroy();
  const spawnError = await new Promise((resolve) => {
    child.once('spawn', () => resolve(undefined));
    child.once('error', resolve);
  });
  if (spawnError) {
    parentEnd.destroy();
    return { error: `fork/exec ${name}: ${/** @type {Error} */ (spawnError).message}`, exitCode: EXIT_NOT_EXECUTABLE };
  }
  child.on('error', () => {});
  parentEnd.on('error', () => {});

  const onlcr = createOnlcr();
  /** @type {number | undefined} */
  let exitCode;
  let streamEnded = false;
  let reported = false;
  /** @type {NodeJS.Timeout | undefined} */
  let drainTimer;
  const report = () => {
    if (reported || exitCode === undefined) return;
    reported = true;
    clearTimeout(drainTimer);
    parentEnd.destroy();
    options.onExit(exitCode);
  };
  parentEnd.on('data', (data) => options.onOutput(onlcr(data)));
  parentEnd.on('end', () => {
    streamEnded = true;
    report();
  });
  child.on('exit', (code, signal) => {
    exitCode = code ?? 128 + (signal ? os.constants.signals[signal] : 0);
    // A background grandchild can keep the descriptor open; the session still ends, as a pty hangs up.
    if (streamEnded) report();
    else drainTimer = setTimeout(report, EXIT_DRAIN_MS);
  });

  const pid = /** @type {number} */ (child.pid);
  return {
    command: {
      pid,
      write: (data) => {
        if (!parentEnd.destroyed && parentEnd.writable) parentEnd.write(data);
      },
      endInput: () => {
        if (!parentEnd.destroyed) parentEnd.end();
      },
      signal: (signal) => {
        try {
          process.kill(-pid, signal);
        } catch {
          // already gone
        }
      },
      exited: () => exitCode !== undefined,
    },
  };
}
