// @ts-check
// Small helpers of the session: token comparison, frame bytes, waiting.
import { timingSafeEqual } from 'node:crypto';

/** @param {string} presented @param {string} expected */
export function tokenMatches(presented, expected) {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** @param {import('ws').RawData} data */
export function toBuffer(data) {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
