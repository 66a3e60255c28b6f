/** Which endpoint the ECS client uses, by the SDK's precedence. */
import { describe, expect, it } from '@jest/globals';
import { configuredEndpoint } from '../../src/aws/endpoint.js';

describe('configuredEndpoint', () => {
  it.each([
    [{}, undefined],
    [{ AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }, 'http://127.0.0.1:1'],
    [{ AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_ECS: 'https://ecs.example' }, 'https://ecs.example'],
    [{ AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, undefined],
  ])('%j: %s', (env, expected) => {
    expect(configuredEndpoint(env)).toBe(expected);
  });
});
