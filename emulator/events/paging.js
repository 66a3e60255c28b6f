// @ts-check
/**
 * NextToken paging for the EventBridge and Scheduler list operations. Both APIs treat the token as
 * opaque and may answer fewer items than asked for (ListTargetsByRule, ListRuleNamesByTarget:
 * `Limit` "the maximum number of results to return"; Scheduler ListSchedules and
 * ListScheduleGroups: `MaxResults`), so a scenario's `pageSize` can force small pages.
 */

/** The most either API answers per page (Limit / MaxResults: 1 to 100). */
const MAX_PAGE = 100;

/** @param {string} scope @param {number} at */
const encode = (scope, at) => Buffer.from(JSON.stringify([scope, at])).toString('base64url');

/**
 * One page of `items`. A token carries the listing it came from and where the next page starts;
 * a token from another listing, or not one of ours, is refused with `invalid` (the emulator's own
 * wording: neither API reference words it).
 * @template T
 * @param {T[]} items
 * @param {{ token?: string, limit?: number, pageSize?: number, scope: string, invalid: (message: string) => Error }} options
 * @returns {{ page: T[], next?: string }}
 */
export function page(items, { token, limit, pageSize = MAX_PAGE, scope, invalid }) {
  let start = 0;
  if (token !== undefined && token !== '') {
    /** @type {unknown} */
    let decoded;
    try {
      decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    } catch {
      decoded = undefined;
    }
    if (!Array.isArray(decoded) || decoded[0] !== scope || !Number.isInteger(decoded[1]) || decoded[1] < 0) {
      throw invalid('The NextToken is not valid for this request.');
    }
    start = decoded[1];
  }
  const size = Math.min(limit ?? MAX_PAGE, pageSize, MAX_PAGE);
  const end = start + size;
  return { page: items.slice(start, end), ...(end < items.length ? { next: encode(scope, end) } : {}) };
}

/**
 * A page size asked for by a client: absent, or a whole number from 1 to 100; anything else is
 * refused with `invalid` (both references: "Valid Range: Minimum value of 1. Maximum value of 100.").
 * @param {unknown} value @param {string} name @param {(message: string) => Error} invalid
 * @returns {number | undefined}
 */
export function pageLimit(value, name, invalid) {
  if (value === undefined || value === null || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > MAX_PAGE) {
    throw invalid(`1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must have value between 1 and ${MAX_PAGE}`);
  }
  return number;
}
