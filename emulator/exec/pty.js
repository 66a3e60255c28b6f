// @ts-check
// The command in its pty: started once the session exists on the agent's side, with the
// container's environment; the line discipline for typed input; its exit.
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HOST_PATH, PTY_START_DELAY_MS } from './constants.js';
import { emitOutput } from './outbound.js';
import { startCommand } from './process.js';
import { splitCommand } from './shlex.js';
/** @typedef {import('./session.js').Session} Session */

/** @param {Session} session */
export function schedulePty(session) {
  session.status = 'starting';
  session.timers.pty = setTimeout(() => void startPty(session), PTY_START_DELAY_MS);
}

/** @param {Session} session */
export async function startPty(session) {
  if (session.finished || session.ending) return;
  /** @type {string[]} */
  let argv;
  try {
    argv = splitCommand(session.params.command);
  } catch (err) {
    return startFailed(session, `Failed to parse commands input: ${/** @type {Error} */ (err).message}`, null);
  }
  if (argv.length === 0) return startFailed(session, 'Failed to parse commands input: no command', null);
  const shell = session.behaviour.shell !== false;
  const execDirs = (session.behaviour.execPath ?? []).map((dir) => path.resolve(session.scenarioDir, dir));
  const pathDirs = shell ? [...execDirs, ...HOST_PATH] : execDirs;
  session.workDir = mkdtempSync(path.join(os.tmpdir(), 'ecs-exec-'));
  const cwd = path.join(session.workDir, 'root');
  mkdirSync(cwd);
  const started = await startCommand({
    argv,
    cwd,
    socketPath: path.join(session.workDir, 'pty.sock'),
    env: commandEnvironment(session, pathDirs, cwd),
    pathDirs,
    shell,
    onOutput: (data) => emitOutput(session, data),
    onExit: (exitCode) => onCommandExit(session, exitCode),
  });
  if ('error' in started) return startFailed(session, `Failed to start pty: ${started.error}`, started.exitCode);
  session.command = started.command;
  if (session.finished || session.ending) {
    session.command.signal('SIGKILL');
    return;
  }
  session.status = 'running';
  session.log({ event: 'command.started', argv });
  session.armIdle();
}

/** @param {Session} session @param {string} detail @param {number | null} exitCode */
export function startFailed(session, detail, exitCode) {
  session.exitCode = exitCode;
  session.log({ event: 'command.start-failed', detail, exitCode });
  // shell.go: fmt.Errorf("Unable to start command: %s\n", err)
  void session.endSession('failed', `command could not start: ${detail}`, `Unable to start command: ${detail}\n`);
}

/** @param {Session} session @param {number} exitCode */
export function onCommandExit(session, exitCode) {
  session.exitCode = exitCode;
  session.log({ event: 'command.exited', exitCode });
  void session.endSession('closed', `command exited with status ${exitCode}`, '');
}

/**
 * A pty line discipline with its defaults: CR becomes NL for the program, typed characters are
 * echoed, ^C interrupts the foreground process group and ^D ends input.
 * @param {Buffer} payload
 * @param {Session} session
 */
export function writeStdin(session, payload) {
  const command = /** @type {import('./process.js').RunningCommand} */ (session.command);
  const toProgram = [];
  const echo = [];
  for (const byte of payload) {
    if (byte === 0x03) {
      command.signal('SIGINT');
      echo.push(0x5e, 0x43);
    } else if (byte === 0x04) {
      command.write(Buffer.from(toProgram.splice(0)));
      command.endInput();
    } else if (byte === 0x0d || byte === 0x0a) {
      toProgram.push(0x0a);
      echo.push(0x0d, 0x0a);
    } else {
      toProgram.push(byte);
      echo.push(byte);
    }
  }
  session.stats.stdinBytes += payload.length;
  command.write(Buffer.from(toProgram));
  if (echo.length > 0) emitOutput(session, Buffer.from(echo));
}

/** @param {Session} session @param {Buffer} payload */
export function resize(session, payload) {
  try {
    const size = JSON.parse(payload.toString('utf8'));
    session.terminalSize = { cols: size.cols, rows: size.rows };
    return true;
  } catch {
    session.malformed('size payload is not JSON');
    return false;
  }
}

/**
 * The exec'd command runs inside the container, so it sees the container's environment: the
 * task definition's `environment` for that container (ECS Developer Guide, "Pass environment
 * variables to a container"). PATH stands for the image's PATH (the scenario's execPath),
 * and the agent sets TERM=xterm-256color (reference ecs-exec-data-channel.md section 6).
 * @param {Session} session @param {string[]} pathDirs @param {string} cwd
 */
function commandEnvironment(session, pathDirs, cwd) {
  const fromTaskDefinition = Object.fromEntries((session.params.environment ?? []).map((v) => [v.name, v.value ?? '']));
  return { LANG: 'C.UTF-8', HOME: cwd, ...fromTaskDefinition, PATH: pathDirs.join(':'), TERM: 'xterm-256color' };
}
