/**
 * The floor for start-up: a bare node process that sends one ECS request (no SDK) and exits.
 * CommonJS on purpose: on Node 24 an ES module's `import 'node:http'` costs ~25 ms more than
 * `require`, which would flatter the action's ratio to the floor.
 */
/* global require */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS is the point of this file
const http = require('node:http');

const url = new URL(process.env.AWS_ENDPOINT_URL);
const body = JSON.stringify({ cluster: 'demo', services: ['web'] });
const request = http.request(
  {
    host: url.hostname,
    port: url.port,
    method: 'POST',
    path: '/',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AmazonEC2ContainerServiceV20141113.DescribeServices',
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/ecs/aws4_request',
    },
  },
  (response) => response.resume().on('end', () => process.exit(0)),
);
request.end(body);
