/**
 * Program output (a container's log lines) in the job log: between `::stop-commands::` and its
 * unguessable resume token, so a line such as `::add-mask::` or `::error::` in the application's
 * output is printed, never run as a workflow command ("Stopping and starting workflow commands",
 * GitHub Docs), and each line behind a `  | ` so it reads as quoted.
 */
import * as core from '@actions/core';
import { randomBytes } from 'node:crypto';

export function printProgramOutput(lines: string[]): void {
  if (lines.length === 0) return;
  const token = `edv-${randomBytes(16).toString('hex')}`;
  core.info(`::stop-commands::${token}`);
  for (const line of lines.flatMap((text) => text.split(/\r?\n|\r/))) core.info(`  | ${line}`);
  core.info(`::${token}::`);
}
