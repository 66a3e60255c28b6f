// A request as any HTTP client sends it (the AWS CLI sends what it is given): the SDK would refuse
// to serialize some of these bodies, or drop the members in question.

/**
 * POSTs an AWS JSON 1.1 request and returns the answer as the emulator sent it.
 * @param {string} url @param {string} target `<prefix>.<Operation>` @param {string} body
 */
export async function post(url, target, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ecs/aws4_request' },
    body,
  });
  return { status: response.status, type: response.headers.get('x-amzn-errortype'), body: await response.json() };
}
