// @ts-check
/**
 * CloudWatch Logs as the awslogs driver fills it and the action reads it: log groups, streams
 * and events, GetLogEvents with forward and backward tokens, and FilterLogEvents. Follows the
 * CloudWatch Logs API reference pages "GetLogEvents" and "FilterLogEvents". A group exists once
 * a container has written to it (CreateLogGroup is not modelled).
 */
import { detected, item, outOfRange } from '../core/constraint-text.js';
import { ApiError } from '../core/errors.js';

/**
 * GetLogEvents and FilterLogEvents answer at most 10,000 events per call: `limit` has "Valid
 * Range: Minimum value of 1. Maximum value of 10000" (API reference, both pages, Request Parameters).
 */
const MAX_EVENTS = 10_000;

/**
 * `logGroupIdentifier` has "Pattern: [\w#+=/:,.@-]*" (API reference, GetLogEvents and
 * FilterLogEvents), matched whole: a log group ARN with the trailing `:*` is refused.
 */
const IDENTIFIER_PATTERN = '[\\w#+=/:,.@-]*';
const IDENTIFIER = new RegExp(`^(?:${IDENTIFIER_PATTERN})$`);

/**
 * FilterLogEvents `startFromHead: false` "is supported only when startTime is on or after Jan 1,
 * 2024 00:00:00 UTC" (API reference, FilterLogEvents).
 */
const BACKWARD_SINCE_MS = Date.UTC(2024, 0, 1);

const notFound = (/** @type {string} */ message) => new ApiError(400, 'ResourceNotFoundException', message);
const invalid = (/** @type {string} */ message) => new ApiError(400, 'InvalidParameterException', message);
const badToken = () => invalid('The specified nextToken is invalid.');

/**
 * The documented limits of both operations' requests, refused before anything else as the
 * service's own validation refuses them: InvalidParameterException, every violation listed.
 * @param {{ logGroupIdentifier?: string, limit?: number }} input
 */
function checkLimits(input) {
  const identifier = input.logGroupIdentifier;
  const items = [
    ...(identifier !== undefined && !IDENTIFIER.test(identifier)
      ? [item(identifier, 'logGroupIdentifier', `Member must satisfy regular expression pattern: ${IDENTIFIER_PATTERN}`)] : []),
    ...outOfRange(input.limit, 'limit', { min: 1, max: MAX_EVENTS }),
  ];
  if (items.length > 0) throw invalid(detected(items));
}

/**
 * @typedef {{ timestamp: number, message: string, ingestionTime: number }} LogEvent
 * @typedef {{ name: string, createdAt: number, events: LogEvent[] }} LogStream
 */

export class LogStore {
  /** @param {{ filterLogEventsBackwardWithoutStartTime?: 'allow' | 'refuse' }} [choices] the scenario's `undocumented` */
  constructor(choices = {}) {
    this.choices = choices;
    /** @type {Map<string, Map<string, LogStream>>} group -> stream name -> stream */
    this.groups = new Map();
    /**
     * Every token this store answered: a token is opaque and comes "from a previous call" (API
     * reference, `nextToken`), so one never issued is refused however it is spelled.
     * @type {Map<string, { side: 'f' | 'b', index: number }>}
     */
    this.tokens = new Map();
  }

  /** The awslogs driver creates the stream when the container starts. @param {string} group @param {string} stream @param {number} atMs */
  createStream(group, stream, atMs) {
    if (!this.groups.has(group)) this.groups.set(group, new Map());
    const streams = /** @type {Map<string, LogStream>} */ (this.groups.get(group));
    if (!streams.has(stream)) streams.set(stream, { name: stream, createdAt: atMs, events: [] });
    return /** @type {LogStream} */ (streams.get(stream));
  }

  /** @param {string} group @param {string} stream @param {number} atMs @param {string} message */
  write(group, stream, atMs, message) {
    this.createStream(group, stream, atMs).events.push({ timestamp: atMs, message, ingestionTime: atMs });
  }

  /**
   * A token that looks like AWS's (`f/<56 digits>/s`) and carries a position and a direction.
   * @param {'f' | 'b'} side @param {number} index
   */
  issue(side, index) {
    const text = `${side}/${String(index).padStart(56, '0')}/s`;
    this.tokens.set(text, { side, index });
    return text;
  }

  /** @param {string | undefined} text */
  redeem(text) {
    if (text === undefined) return undefined;
    const token = this.tokens.get(text);
    if (!token) throw badToken();
    return token;
  }

  /**
   * The group a request names: "You must include either logGroupIdentifier or logGroupName, but
   * not both" (API reference, GetLogEvents and FilterLogEvents); an identifier may be an ARN.
   * @param {{ logGroupName?: string, logGroupIdentifier?: string }} input
   */
  groupOf(input) {
    if ((input.logGroupName === undefined) === (input.logGroupIdentifier === undefined)) {
      throw invalid('You must include either logGroupIdentifier or logGroupName, but not both.');
    }
    const name = input.logGroupName ?? String(input.logGroupIdentifier).split(':log-group:').pop() ?? '';
    const streams = this.groups.get(name);
    if (!streams) throw notFound('The specified log group does not exist.');
    return streams;
  }

  /** @param {any} input */
  getLogEvents(input) {
    checkLimits(input);
    const stream = this.groupOf(input).get(input.logStreamName);
    if (!stream) throw notFound('The specified log stream does not exist.');
    const limit = input.limit ?? MAX_EVENTS;
    const inRange = stream.events.filter((e) => (input.startTime === undefined || e.timestamp >= input.startTime) && (input.endTime === undefined || e.timestamp < input.endTime));
    const given = this.redeem(input.nextToken);
    let start;
    let end;
    if (given?.side === 'f' || (!given && input.startFromHead)) {
      start = Math.min(given?.index ?? 0, inRange.length);
      end = Math.min(start + limit, inRange.length);
    } else {
      // No token and startFromHead false (the default), or a backward token: the events just before the end (or the token).
      end = Math.min(given?.index ?? inRange.length, inRange.length);
      start = Math.max(0, end - limit);
    }
    // At the end of the stream the forward token comes back unchanged (API reference, nextForwardToken).
    return {
      events: inRange.slice(start, end),
      nextForwardToken: this.issue('f', end),
      nextBackwardToken: this.issue('b', start),
    };
  }

  /**
   * FilterLogEvents: `startFromHead` (default true) "sets the sort direction on the first
   * request. On subsequent requests, the nextToken determines the sort direction" (API reference).
   * @param {any} input
   */
  filterLogEvents(input) {
    checkLimits(input);
    const streams = this.groupOf(input);
    if (input.logStreamNames && input.logStreamNamePrefix) throw invalid('logStreamNames and logStreamNamePrefix are mutually exclusive.');
    if (input.startFromHead === false) this.checkBackward(input.startTime);
    const given = this.redeem(input.nextToken);
    const forward = given ? given.side === 'f' : input.startFromHead !== false;
    const limit = input.limit ?? MAX_EVENTS;
    const terms = termsOf(input.filterPattern);
    const events = [...streams.values()]
      .filter((s) => (!input.logStreamNames || input.logStreamNames.includes(s.name)) && (!input.logStreamNamePrefix || s.name.startsWith(input.logStreamNamePrefix)))
      .flatMap((s) => s.events.map((e, i) => ({ logStreamName: s.name, ...e, eventId: `${s.createdAt}${String(i).padStart(20, '0')}` })))
      .filter((e) => (input.startTime === undefined || e.timestamp >= input.startTime) && (input.endTime === undefined || e.timestamp <= input.endTime))
      .filter((e) => terms.every((term) => e.message.includes(term)))
      .sort((a, b) => (forward ? a.timestamp - b.timestamp : b.timestamp - a.timestamp));
    const start = given?.index ?? 0;
    const end = start + limit;
    return { events: events.slice(start, end), ...(end < events.length ? { nextToken: this.issue(forward ? 'f' : 'b', end) } : {}) };
  }

  /** @param {number | undefined} startTime */
  checkBackward(startTime) {
    const refused = startTime === undefined ? this.choices.filterLogEventsBackwardWithoutStartTime === 'refuse' : startTime < BACKWARD_SINCE_MS;
    if (refused) throw invalid('Setting startFromHead to false is supported only when startTime is on or after Jan 1, 2024 00:00:00 UTC.');
  }

  /** @param {string} operation @returns {((input: any) => any) | undefined} */
  handler(operation) {
    if (operation === 'GetLogEvents') return (input) => this.getLogEvents(input);
    if (operation === 'FilterLogEvents') return (input) => this.filterLogEvents(input);
    return undefined;
  }

  state() {
    return [...this.groups].map(([group, streams]) => ({ logGroupName: group, streams: [...streams.values()].map((s) => ({ logStreamName: s.name, events: s.events })) }));
  }
}

/**
 * The terms of a filter pattern: space-separated words, or "quoted phrases", all of which must
 * appear ("Filter pattern syntax for log events", unstructured terms). JSON and space-delimited
 * patterns are not modelled.
 * @param {string | undefined} pattern
 */
function termsOf(pattern) {
  if (!pattern) return [];
  return [...pattern.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}
