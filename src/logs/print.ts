/**
 * Program output (a container's log lines) in the job log: between `::stop-commands::` and its
 * unguessable resume token ("Stopping and starting workflow commands", GitHub Docs), each line
 * behind a `  | ` so it reads as quoted, and made inert like all outside text (untrusted.ts), so
 * a line such as `::add-mask::` or `##[error]` is printed, never run, even outside the block.
 */
import * as core from '@actions/core';
import { randomBytes } from 'node:crypto';
import { inert } from '../untrusted.js';

export function printProgramOutput(lines: string[]): void {
  if (lines.length === 0) return;
  const token = `edv-${randomBytes(16).toString('hex')}`;
  core.info(`::stop-commands::${token}`);
  for (const line of lines.flatMap((text) => text.split(/\r?\n|\r/))) core.info(inert(`  | ${line}`));
  core.info(`::${token}::`);
}
