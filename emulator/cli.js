#!/usr/bin/env node
// @ts-check
import { parseArgs } from 'node:util';
import { startEmulator } from './index.js';

const USAGE = 'usage: node emulator/cli.js --scenario FILE [--port N] [--verbose]';

/** @returns {{ scenario: string, port: number, verbose: boolean }} */
function readArgs() {
  const { values } = parseArgs({
    options: { scenario: { type: 'string' }, port: { type: 'string' }, verbose: { type: 'boolean' } },
    strict: true,
  });
  if (!values.scenario) throw new Error(`--scenario is required. ${USAGE}`);
  const port = Number(values.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port '${values.port}'. Expected an integer 0-65535. ${USAGE}`);
  return { scenario: values.scenario, port, verbose: values.verbose ?? false };
}

async function main() {
  let args;
  let emulator;
  try {
    args = readArgs();
    emulator = await startEmulator({ scenarioPath: args.scenario, port: args.port, verbose: args.verbose });
  } catch (error) {
    console.error(/** @type {Error} */ (error).message);
    process.exit(2);
  }
  const running = emulator;
  process.stdout.write(`ECS emulator listening on ${running.url}\n`);
  const shutdown = async () => {
    await running.stop();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  running.stopped.then(shutdown);
}

main();
