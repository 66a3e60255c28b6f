// @ts-check
// Small helpers shared by the ECS operations: pages, tasks by id or ARN, request timestamps.
import { invalidParameter } from '../core/errors.js';
/** @typedef {import('./engine.js').Engine} Engine */

/**
 * One page of a list, with the opaque nextToken ECS list operations use.
 * @template T
 * @param {T[]} items @param {number | undefined} maxResults @param {string | undefined} nextToken @param {number} limit
 * @param {{ defaultSize?: number, cap?: number }} [sizes] defaultSize: without maxResults; cap: never more per page
 */
export function paginate(items, maxResults, nextToken, limit, { defaultSize = limit, cap = limit } = {}) {
  if (maxResults !== undefined && (maxResults < 1 || maxResults > limit)) throw invalidParameter(`maxResults must be between 1 and ${limit}.`);
  const size = Math.min(maxResults ?? defaultSize, cap);
  const start = nextToken ? Number(Buffer.from(nextToken, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidParameter('Invalid nextToken.');
  const end = start + size;
  return { page: items.slice(start, end), nextToken: end < items.length ? Buffer.from(String(end)).toString('base64') : undefined };
}

/** @param {Engine} engine @param {{name: string, arn: string}} cluster @param {string} ref task id or ARN */
export function findTask(engine, cluster, ref) {
  const id = String(ref).split('/').pop();
  return engine.tasks.get(engine.arn(`task/${cluster.name}/${id}`));
}

/** The SDK sends timestamps as epoch seconds; accept ISO strings too. @param {number | string} value */
export function toEpoch(value) {
  return typeof value === 'number' ? value : Date.parse(value) / 1000;
}
