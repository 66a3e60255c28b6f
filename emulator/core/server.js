// @ts-check
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApiError } from './errors.js';
import { QUERY_SERVICE, answerQuery, answerQueryError, isQueryRequest, parseQuery } from '../elbv2/query.js';
import { RequestValidator } from './validate.js';

const JSON_11 = 'application/x-amz-json-1.1';
const MAX_BODY_BYTES = 1024 * 1024;

/** X-Amz-Target prefixes of the services the emulator speaks; each has request rules (emulator/model). */
export const TARGETS = /** @type {const} */ ({
  AmazonEC2ContainerServiceV20141113: 'ecs',
  AmazonEC2ContainerRegistry_V20150921: 'ecr',
  TrentService: 'kms',
  Logs_20140328: 'logs',
  AWSEvents: 'events',
});

/** Keys whose values are credentials and never reach the request log. */
const SECRET_KEYS = new Set(['tokenValue', 'TokenValue', 'Plaintext', 'CiphertextBlob', 'SessionToken']);

/** @param {unknown} value @returns {unknown} */
export function redact(value) {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k) ? '***' : redact(v)]));
  }
  return value;
}

/**
 * @typedef {{
 *   wallMs: number, simTime: number, service: string, operation: string, input: unknown,
 *   status: number, errorType?: string,
 * }} RequestLogEntry
 *
 * @typedef {{
 *   simTime: () => number,
 *   advance: () => void,
 *   route: (service: 'ecs' | 'ecr' | 'kms' | 'logs' | 'elasticloadbalancing' | 'events' | 'scheduler', operation: string) => ((input: any) => any) | undefined,
 *   restRoute?: (method: string, url: string) => { service: 'scheduler', operation: string, params: Record<string, unknown> } | undefined,
 *   fault: (request: { service: string, operation: string, input: any }) => { reset: true, afterHandling?: boolean } | ApiError | undefined,
 *   throttle: (service: string, operation: string) => boolean,
 *   state: () => unknown,
 *   onShutdown: () => void,
 *   log: (entry: RequestLogEntry) => void,
 *   onResponse?: (response: { service: string, operation: string, output: unknown }) => void,
 *   requestValidation?: { unknownMembers?: 'ignore' | 'reject' },
 *   verbose: boolean,
 * }} ServerHooks
 */

/**
 * The HTTP front: AWS JSON 1.1 requests on POST /, the state endpoint, and errors in the shape
 * AWS answers them (status, `__type`, message, `x-amzn-errortype`).
 * @param {ServerHooks} hooks
 */
export function createApiServer(hooks) {
  const validator = new RequestValidator(hooks.requestValidation);
  return http.createServer((req, res) => {
    const chunks = /** @type {Buffer[]} */ ([]);
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      Promise.resolve(dispatch(hooks, validator, req, res, Buffer.concat(chunks).toString('utf8'))).catch((error) => {
        if (hooks.verbose) console.error('emulator: unexpected failure', error);
        if (!res.headersSent) answerError(res, new ApiError(500, 'ServerException', 'Server exception.'));
      });
    });
  });
}

/**
 * @param {ServerHooks} hooks @param {RequestValidator} validator
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {string} body
 */
async function dispatch(hooks, validator, req, res, body) {
  const url = req.url ?? '/';
  if (req.method === 'GET' && url.startsWith('/_emulator/state')) {
    hooks.advance();
    return answer(res, 200, hooks.state(), 'application/json');
  }
  if (req.method === 'POST' && url.startsWith('/_emulator/shutdown')) {
    answer(res, 200, { stopping: true }, 'application/json');
    return hooks.onShutdown();
  }
  // REST JSON services (Scheduler) name the operation by method and path, the others by X-Amz-Target.
  const rest = url.startsWith('/_emulator') ? undefined : hooks.restRoute?.(req.method ?? '', url);
  if (!rest && (req.method !== 'POST' || !url.startsWith('/') || url.startsWith('/_emulator'))) {
    return answerError(res, new ApiError(404, 'UnknownOperationException', `No route for ${req.method} ${url}.`));
  }
  // ELBv2 speaks awsQuery (form-encoded, XML answers); the others AWS JSON 1.1.
  const query = isQueryRequest(req) ? parseQuery(body) : undefined;
  const reply = query ? queryReplies(query.operation) : JSON_REPLIES;
  const target = String(req.headers['x-amz-target'] ?? '');
  const [prefix, targetOperation = ''] = query ? [QUERY_SERVICE, query.operation] : target.split('.');
  const service = query ? QUERY_SERVICE : (rest?.service ?? TARGETS[/** @type {keyof typeof TARGETS} */ (prefix)]);
  const operation = rest?.operation ?? targetOperation;
  hooks.advance();
  const simTime = hooks.simTime();
  /** @type {RequestLogEntry} */
  const entry = { wallMs: Date.now(), simTime, service: service ?? 'unknown', operation: operation || target, input: undefined, status: 0 };
  const finish = (/** @type {number} */ status, /** @type {string | undefined} */ errorType) => {
    entry.status = status;
    if (errorType) entry.errorType = errorType;
    hooks.log(entry);
  };
  if (!req.headers.authorization) {
    const error = new ApiError(400, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    finish(error.status, error.type);
    return reply.error(res, error);
  }
  let parsed;
  try {
    // Fields that travel as text (an awsQuery form; a REST path and query string) are read as the model's types first.
    const asModel = (/** @type {Record<string, unknown>} */ fields) => (service ? validator.readStrings(service, operation, fields) : fields);
    const json = () => (body === '' ? {} : JSON.parse(body));
    parsed = query ? asModel(query.input) : rest ? { ...json(), ...asModel(rest.params) } : json();
  } catch {
    const error = new ApiError(400, 'SerializationException', 'Start of structure or map found where not expected.');
    finish(error.status, error.type);
    return reply.error(res, error);
  }
  entry.input = redact(parsed);
  const handler = service ? hooks.route(service, operation) : undefined;
  if (!handler) {
    const error = new ApiError(400, 'UnknownOperationException', '');
    finish(error.status, error.type);
    return reply.error(res, error);
  }
  // A request the service's model refuses never reaches a handler (validate.js).
  const checked = validator.check(service, operation, parsed);
  if (checked.error) {
    finish(checked.error.status, checked.error.type);
    return reply.error(res, checked.error);
  }
  const { input } = checked;
  const fault = hooks.fault({ service, operation, input });
  if (fault && 'reset' in fault) {
    // The request took effect but its answer is lost: the caller cannot tell it from one that never arrived.
    if (fault.afterHandling) await Promise.resolve(handler(input)).catch(() => undefined);
    finish(0, 'ConnectionReset');
    req.socket.destroy();
    return undefined;
  }
  if (fault) {
    finish(fault.status, fault.type);
    return reply.error(res, fault);
  }
  if (!hooks.throttle(service, operation)) {
    const error = new ApiError(400, 'ThrottlingException', 'Rate exceeded');
    finish(error.status, error.type);
    return reply.error(res, error);
  }
  try {
    const output = await handler(input);
    finish(200, undefined);
    hooks.onResponse?.({ service, operation, output: JSON.parse(JSON.stringify(output ?? {})) });
    return reply.ok(res, output ?? {});
  } catch (error) {
    const known = error instanceof ApiError ? error : new ApiError(500, 'ServerException', 'Server exception.');
    if (known !== error && hooks.verbose) console.error(`emulator: ${operation} failed`, error);
    finish(known.status, known.type);
    return reply.error(res, known);
  }
}

/** How an AWS JSON 1.1 request is answered. */
const JSON_REPLIES = {
  /** @param {http.ServerResponse} res @param {unknown} output */
  ok: (res, output) => answer(res, 200, output),
  error: answerError,
};

/** How an awsQuery request is answered. @param {string} operation */
function queryReplies(operation) {
  return {
    /** @param {http.ServerResponse} res @param {unknown} output */
    ok: (res, output) => answerQuery(res, operation, output),
    error: answerQueryError,
  };
}

/** @param {http.ServerResponse} res @param {number} status @param {unknown} body @param {string} [contentType] */
function answer(res, status, body, contentType = JSON_11) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}

/** @param {http.ServerResponse} res @param {ApiError} error */
function answerError(res, error) {
  const text = JSON.stringify({ __type: error.type, message: error.message });
  res.writeHead(error.status, {
    'content-type': JSON_11,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    'x-amzn-errortype': error.type,
  });
  res.end(text);
}
