// @ts-check
/**
 * CloudWatch Logs as the awslogs driver fills it and the action reads it: log groups, streams
 * and events, GetLogEvents with forward and backward tokens, and FilterLogEvents. Follows the
 * CloudWatch Logs API reference pages "GetLogEvents" and "FilterLogEvents". A group exists once
 * a container has written to it (CreateLogGroup is not modelled).
 */
import { ApiError } from '../core/errors.js';

/** GetLogEvents and FilterLogEvents answer at most 10,000 events per call (API reference, `limit`). */
const MAX_EVENTS = 10_000;

const notFound = (/** @type {string} */ message) => new ApiError(400, 'ResourceNotFoundException', message);
const invalid = (/** @type {string} */ message) => new ApiError(400, 'InvalidParameterException', message);

/** Tokens are opaque to clients; these look like AWS's (`f/<56 digits>/s`) and carry an event index. */
const token = (/** @type {'f' | 'b'} */ side, /** @type {number} */ index) => `${side}/${String(index).padStart(56, '0')}/s`;

/** @param {string | undefined} text @returns {{ side: 'f' | 'b', index: number } | undefined} */
function readToken(text) {
  if (text === undefined) return undefined;
  const match = /^([fb])\/(\d{56})\/s$/.exec(text);
  if (!match) throw invalid('The specified nextToken is invalid.');
  return { side: /** @type {'f' | 'b'} */ (match[1]), index: Number(match[2]) };
}

/**
 * @typedef {{ timestamp: number, message: string, ingestionTime: number }} LogEvent
 * @typedef {{ name: string, createdAt: number, events: LogEvent[] }} LogStream
 */

export class LogStore {
  constructor() {
    /** @type {Map<string, Map<string, LogStream>>} group -> stream name -> stream */
    this.groups = new Map();
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

  /** @param {any} input */
  groupOf(input) {
    const name = String(input.logGroupName ?? input.logGroupIdentifier ?? '').split(':log-group:').pop()?.replace(/:\*$/, '') ?? '';
    const streams = this.groups.get(name);
    if (!streams) throw notFound('The specified log group does not exist.');
    return streams;
  }

  /** @param {any} input */
  getLogEvents(input) {
    const stream = this.groupOf(input).get(input.logStreamName);
    if (!stream) throw notFound('The specified log stream does not exist.');
    const limit = input.limit ?? MAX_EVENTS;
    if (limit < 1 || limit > MAX_EVENTS) throw invalid(`limit must be between 1 and ${MAX_EVENTS}.`);
    const inRange = stream.events.filter((e) => (input.startTime === undefined || e.timestamp >= input.startTime) && (input.endTime === undefined || e.timestamp < input.endTime));
    const given = readToken(input.nextToken);
    let start;
    let end;
    if (given?.side === 'f' || (!given && input.startFromHead)) {
      start = Math.min(given?.index ?? 0, inRange.length);
      end = Math.min(start + limit, inRange.length);
    } else {
      // No token and startFromHead false, or a backward token: the events just before the end (or the token).
      end = Math.min(given?.index ?? inRange.length, inRange.length);
      start = Math.max(0, end - limit);
    }
    // At the end of the stream the forward token comes back unchanged (API reference, nextForwardToken).
    return {
      events: inRange.slice(start, end),
      nextForwardToken: token('f', end),
      nextBackwardToken: token('b', start),
    };
  }

  /** @param {any} input */
  filterLogEvents(input) {
    const streams = this.groupOf(input);
    if (input.logStreamNames && input.logStreamNamePrefix) throw invalid('logStreamNames and logStreamNamePrefix are mutually exclusive.');
    const limit = input.limit ?? MAX_EVENTS;
    if (limit < 1 || limit > MAX_EVENTS) throw invalid(`limit must be between 1 and ${MAX_EVENTS}.`);
    const terms = termsOf(input.filterPattern);
    const events = [...streams.values()]
      .filter((s) => (!input.logStreamNames || input.logStreamNames.includes(s.name)) && (!input.logStreamNamePrefix || s.name.startsWith(input.logStreamNamePrefix)))
      .flatMap((s) => s.events.map((e, i) => ({ logStreamName: s.name, ...e, eventId: `${s.createdAt}${String(i).padStart(20, '0')}` })))
      .filter((e) => (input.startTime === undefined || e.timestamp >= input.startTime) && (input.endTime === undefined || e.timestamp <= input.endTime))
      .filter((e) => terms.every((term) => e.message.includes(term)))
      .sort((a, b) => a.timestamp - b.timestamp);
    const start = input.nextToken ? Number(Buffer.from(input.nextToken, 'base64').toString('utf8')) : 0;
    if (!Number.isInteger(start) || start < 0) throw invalid('The specified nextToken is invalid.');
    const end = start + limit;
    return { events: events.slice(start, end), ...(end < events.length ? { nextToken: Buffer.from(String(end)).toString('base64') } : {}) };
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
