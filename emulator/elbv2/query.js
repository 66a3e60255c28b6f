// @ts-check
/**
 * The awsQuery protocol Elastic Load Balancing v2 speaks: a form-encoded POST
 * (`Action=DescribeTargetGroups&Version=2015-12-01&TargetGroupArns.member.1=...`) answered with
 * XML (`<DescribeTargetGroupsResponse><DescribeTargetGroupsResult>...`), errors as
 * `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`
 * (Elastic Load Balancing API reference, "Common Parameters" and "Common Errors"; the shapes are
 * the ones @aws-sdk/client-elastic-load-balancing-v2's AwsQueryProtocol writes and parses).
 */
import { randomUUID } from 'node:crypto';
import { URLSearchParams } from 'node:url';

const NAMESPACE = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';
export const QUERY_SERVICE = 'elasticloadbalancing';

/**
 * ApiError types the shared fault injection raises, as the query protocol codes them (Common
 * Errors: AccessDenied, Throttling, ExpiredToken, InternalFailure, ServiceUnavailable).
 * @type {Record<string, string>}
 */
const QUERY_CODES = {
  AccessDeniedException: 'AccessDenied',
  ThrottlingException: 'Throttling',
  ExpiredTokenException: 'ExpiredToken',
  InternalServerException: 'InternalFailure',
  ServerException: 'InternalFailure',
  ServiceUnavailableException: 'ServiceUnavailable',
  MissingAuthenticationTokenException: 'MissingAuthenticationToken',
  UnknownOperationException: 'InvalidAction',
};

/**
 * Whether a request is an awsQuery one: form-encoded with no X-Amz-Target.
 * @param {import('node:http').IncomingMessage} req
 */
export function isQueryRequest(req) {
  return !req.headers['x-amz-target'] && String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/**
 * `Action` and the parameters as an object: `A.member.1.B=x` becomes `{ A: [{ B: 'x' }] }`.
 * Values stay strings; each operation reads the ones it takes.
 * @param {string} body
 * @returns {{ operation: string, input: Record<string, any> }}
 */
export function parseQuery(body) {
  const params = new URLSearchParams(body);
  /** @type {Record<string, any>} */
  const input = {};
  for (const [key, value] of params) {
    if (key === 'Action' || key === 'Version') continue;
    setPath(input, key.split('.'), value);
  }
  return { operation: params.get('Action') ?? '', input };
}

/** @param {any} target @param {string[]} parts @param {string} value */
function setPath(target, parts, value) {
  const [head, ...rest] = parts;
  if (rest[0] === 'member') {
    const index = Number(rest[1]) - 1;
    target[head] ??= [];
    if (rest.length === 2) target[head][index] = value;
    else setPath((target[head][index] ??= {}), rest.slice(2), value);
    return;
  }
  if (rest.length === 0) target[head] = value;
  else setPath((target[head] ??= {}), rest, value);
}

/** @param {string} text */
function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A value as XML members: objects by member name, lists as `<member>` items.
 * @param {unknown} value @returns {string}
 */
export function toXml(value) {
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
  if (value && typeof value === 'object') {
    return Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => `<${k}>${toXml(v)}</${k}>`).join('');
  }
  return escapeXml(String(value));
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {string} xml */
function send(res, status, xml) {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': randomUUID() });
  res.end(text);
}

/** @param {import('node:http').ServerResponse} res @param {string} operation @param {unknown} output */
export function answerQuery(res, operation, output) {
  const requestId = randomUUID();
  send(res, 200, `<${operation}Response xmlns="${NAMESPACE}"><${operation}Result>${toXml(output)}</${operation}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`);
}

/** @param {import('node:http').ServerResponse} res @param {import('../core/errors.js').ApiError} error */
export function answerQueryError(res, error) {
  const code = QUERY_CODES[error.type] ?? error.type;
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  send(res, error.status, `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`);
}
