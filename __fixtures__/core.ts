/** Typed stand-ins for @actions/core, installed with jest.unstable_mockModule. */
import type * as core from '@actions/core';
import { jest } from '@jest/globals';

export const debug = jest.fn<typeof core.debug>();
export const info = jest.fn<typeof core.info>();
export const notice = jest.fn<typeof core.notice>();
export const warning = jest.fn<typeof core.warning>();
export const error = jest.fn<typeof core.error>();
export const setFailed = jest.fn<typeof core.setFailed>();
export const setOutput = jest.fn<typeof core.setOutput>();
export const setSecret = jest.fn<typeof core.setSecret>();
export const getInput = jest.fn<typeof core.getInput>();
export const startGroup = jest.fn<typeof core.startGroup>();
export const endGroup = jest.fn<typeof core.endGroup>();
export const group = jest.fn(async <T>(_name: string, fn: () => Promise<T>): Promise<T> => fn());

const summaryParts: string[] = [];
/** A chainable stand-in for core.summary that records what was written. */
export const summary = {
  parts: summaryParts,
  addHeading: jest.fn((text: string) => (summaryParts.push(`# ${text}`), summary)),
  addRaw: jest.fn((text: string) => (summaryParts.push(text), summary)),
  addEOL: jest.fn(() => (summaryParts.push('\n'), summary)),
  addTable: jest.fn((rows: unknown) => (summaryParts.push(JSON.stringify(rows)), summary)),
  addList: jest.fn((items: string[]) => (summaryParts.push(items.join('\n')), summary)),
  addCodeBlock: jest.fn((code: string) => (summaryParts.push(code), summary)),
  addDetails: jest.fn((label: string, content: string) => (summaryParts.push(`${label}\n${content}`), summary)),
  addLink: jest.fn((text: string, href: string) => (summaryParts.push(`[${text}](${href})`), summary)),
  addSeparator: jest.fn(() => summary),
  write: jest.fn(async () => summary),
  stringify: () => summaryParts.join(''),
  emptyBuffer: jest.fn(() => (summaryParts.length = 0, summary)),
};

/** All lines logged through info/notice/warning/error, for assertions on what a user sees. */
export function logged(): string {
  return [info, notice, warning, error, debug]
    .flatMap((fn) => fn.mock.calls.map((call) => String(call[0])))
    .join('\n');
}
