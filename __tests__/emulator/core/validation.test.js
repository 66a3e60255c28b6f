// Requests the service's model refuses, answered as AWS answers them: one row per kind of refusal;
// then the documented limits the handlers check.
// Through the real SDK where it sends what it is given (it checks neither types nor enums nor
// required members), as raw HTTP where it would not send it (the AWS CLI and other clients do).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AssignPublicIp, DescribeServicesCommand, ListServiceDeploymentsCommand, PropagateTags, RegisterTaskDefinitionCommand,
  RunTaskCommand, StopServiceDeploymentCommand, UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { CloudWatchLogsClient, FilterLogEventsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DataKeySpec, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { rejection, scenario, start, webTaskDefinition } from '../helpers.js';
import { post } from './raw-request.js';

/** @type {Awaited<ReturnType<typeof start>>} */
let env;
/** @type {CloudWatchLogsClient} */
let logs;
/** @type {KMSClient} */
let kms;

beforeAll(async () => {
  env = await start(scenario('healthy.json'));
  const config = { endpoint: env.emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 };
  logs = new CloudWatchLogsClient(config);
  kms = new KMSClient(config);
});
afterAll(async () => env.emulator.stop());

const NETWORK = { awsvpcConfiguration: { subnets: ['subnet-12345678'] } };
const enumOf = (/** @type {object} */ e) => `[${Object.values(e).join(', ')}]`;
const one = (/** @type {string} */ text) => `1 validation error detected: ${text}`;
const td = (/** @type {(td: any) => void} */ change) => {
  const definition = webTaskDefinition('v1');
  change(definition);
  return new RegisterTaskDefinitionCommand(definition);
};
const update = (/** @type {object} */ fields) => new UpdateServiceCommand(/** @type {any} */ ({ cluster: 'demo', service: 'web', ...fields }));

describe('a request that breaks a constraint of the model', () => {
  it.each([
    ['an enum value that does not exist (network mode)', 'ecs', () => td((d) => { d.networkMode = 'bridged'; }), 'InvalidParameterException',
      one("Value 'bridged' at 'networkMode' failed to satisfy constraint: Member must satisfy enum value set: [awsvpc, bridge, host, none]")],
    ['an enum value in a list (compatibilities)', 'ecs', () => td((d) => { d.requiresCompatibilities = ['FARGATE', 'LAMBDA']; }), 'InvalidParameterException',
      one("Value '[FARGATE, LAMBDA]' at 'requiresCompatibilities' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [EC2, EXTERNAL, FARGATE, MANAGED_INSTANCES]]")],
    ['an enum value deep in a list of structures (port protocol)', 'ecs', () => td((d) => { d.containerDefinitions[0].portMappings[0].protocol = 'sctp'; }), 'InvalidParameterException',
      one("Value 'sctp' at 'containerDefinitions.1.member.portMappings.1.member.protocol' failed to satisfy constraint: Member must satisfy enum value set: [tcp, udp]")],
    ['an enum value (propagateTags)', 'ecs', () => update({ propagateTags: 'ALL' }), 'InvalidParameterException',
      one(`Value 'ALL' at 'propagateTags' failed to satisfy constraint: Member must satisfy enum value set: ${enumOf(PropagateTags)}`)],
    ['an enum value in a structure (deployment strategy)', 'ecs', () => update({ deploymentConfiguration: { strategy: 'RED_BLACK' } }), 'InvalidParameterException',
      one("Value 'RED_BLACK' at 'deploymentConfiguration.strategy' failed to satisfy constraint: Member must satisfy enum value set: [BLUE_GREEN, CANARY, LINEAR, ROLLING]")],
    ['an enum value (launch type)', 'ecs', () => new RunTaskCommand(/** @type {any} */ ({ cluster: 'demo', taskDefinition: 'web:1', launchType: 'LAMBDA', networkConfiguration: NETWORK })), 'InvalidParameterException',
      one("Value 'LAMBDA' at 'launchType' failed to satisfy constraint: Member must satisfy enum value set: [EC2, EXTERNAL, FARGATE, MANAGED_INSTANCES]")],
    ['an enum value (assignPublicIp)', 'ecs', () => new RunTaskCommand(/** @type {any} */ ({ cluster: 'demo', taskDefinition: 'web:1', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-12345678'], assignPublicIp: 'YES' } } })), 'InvalidParameterException',
      one(`Value 'YES' at 'networkConfiguration.awsvpcConfiguration.assignPublicIp' failed to satisfy constraint: Member must satisfy enum value set: ${enumOf(AssignPublicIp)}`)],
    ['a stop type that does not exist (STOP)', 'ecs', () => new StopServiceDeploymentCommand(/** @type {any} */ ({ serviceDeploymentArn: 'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/x', stopType: 'STOP' })), 'InvalidParameterException',
      one("Value 'STOP' at 'stopType' failed to satisfy constraint: Member must satisfy enum value set: [ABORT, ROLLBACK]")],
    ['a required member missing', 'ecs', () => new UpdateServiceCommand(/** @type {any} */ ({ cluster: 'demo' })), 'InvalidParameterException',
      one("Value null at 'service' failed to satisfy constraint: Member must not be null")],
    ['an enum value where the operation documents no InvalidParameterException (KMS)', 'kms', () => new GenerateDataKeyCommand(/** @type {any} */ ({ KeyId: 'alias/exec', KeySpec: 'AES_512' })), 'ValidationException',
      one(`Value 'AES_512' at 'KeySpec' failed to satisfy constraint: Member must satisfy enum value set: ${enumOf(DataKeySpec)}`)],
  ])('refuses %s', async (_kind, service, command, name, message) => {
    const clients = /** @type {Record<string, { send: (c: any) => Promise<unknown> }>} */ ({ ecs: env.ecs, logs, kms });
    const error = await rejection(clients[service].send(command()));
    expect([error.name, error.$metadata?.httpStatusCode, error.message]).toEqual([name, 400, message]);
  });
});

// The installed SDK carries no lengths, ranges or patterns: the documented limits our requests can
// reach are checked beside their handlers, each citing its page (emulator/README.md).
describe('a request past a documented limit, refused by its handler', () => {
  const hookTimeout = (/** @type {number} */ minutes) => update({ deploymentConfiguration: { lifecycleHooks: [
    { targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'], timeoutConfiguration: { timeoutInMinutes: minutes, action: 'ROLLBACK' } },
  ] } });
  const hookPath = 'deploymentConfiguration.lifecycleHooks.1.member.timeoutConfiguration.timeoutInMinutes';
  const run = (/** @type {number} */ count) => new RunTaskCommand({ cluster: 'demo', taskDefinition: 'web:1', count, networkConfiguration: NETWORK });
  it.each([
    ['a negative desiredCount (UpdateService documents no range: an invalid parameter)', 'ecs', () => update({ desiredCount: -1 }), 'InvalidParameterException',
      'Invalid desiredCount -1: it must be 0 or greater.'],
    ['RunTask count 0 (up to 10 a call)', 'ecs', () => run(0), 'InvalidParameterException', 'count must be between 1 and 10.'],
    ['RunTask count 11', 'ecs', () => run(11), 'InvalidParameterException', 'count must be between 1 and 10.'],
    ['a lifecycle hook timeout of 0 minutes (1..20160)', 'ecs', () => hookTimeout(0), 'InvalidParameterException',
      one(`Value '0' at '${hookPath}' failed to satisfy constraint: Member must have value greater than or equal to 1`)],
    ['a lifecycle hook timeout of 20161 minutes', 'ecs', () => hookTimeout(20161), 'InvalidParameterException',
      one(`Value '20161' at '${hookPath}' failed to satisfy constraint: Member must have value less than or equal to 20160`)],
    ['a task definition with 51 tags (at most 50)', 'ecs', () => td((d) => { d.tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })); }), 'ClientException',
      'Too many tags. A resource can have at most 50 tags.'],
    ['GetLogEvents limit 0 (1..10000)', 'logs', () => new GetLogEventsCommand({ logGroupName: '/ecs/web', logStreamName: 's', limit: 0 }), 'InvalidParameterException',
      one("Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")],
    ['FilterLogEvents limit 10001', 'logs', () => new FilterLogEventsCommand({ logGroupName: '/ecs/web', limit: 10001 }), 'InvalidParameterException',
      one("Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000")],
    ['several at once, each listed (a log group ARN with its trailing :*, and a limit)', 'logs',
      () => new FilterLogEventsCommand({ logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:*', limit: 0 }), 'InvalidParameterException',
      "2 validation errors detected: Value 'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:*' at 'logGroupIdentifier' failed to satisfy constraint: "
      + "Member must satisfy regular expression pattern: [\\w#+=/:,.@-]*; Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"],
  ])('refuses %s', async (_kind, service, command, name, message) => {
    const clients = /** @type {Record<string, { send: (c: any) => Promise<unknown> }>} */ ({ ecs: env.ecs, logs });
    const error = await rejection(clients[service].send(command()));
    expect([error.name, error.$metadata?.httpStatusCode, error.message]).toEqual([name, 400, message]);
  });

  it('a refused lifecycle hook timeout leaves the service as it was', async () => {
    await rejection(env.ecs.send(hookTimeout(0)));
    const svc = (await env.ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).services?.[0];
    expect(svc?.deploymentConfiguration?.lifecycleHooks).toBeUndefined();
  });
});

describe('a value of the wrong JSON type is not read: 400 SerializationException', () => {
  it.each([
    ['a string where a number belongs ("desiredCount": "two")', () => update({ desiredCount: 'two' }), 'STRING_VALUE can not be converted to an Integer'],
    ['a fraction where an integer belongs', () => update({ desiredCount: 1.5 }), 'NUMBER_VALUE 1.5 can not be converted to an Integer'],
    ['an integer out of the 32-bit range', () => update({ desiredCount: 2 ** 31 }), 'NUMBER_VALUE 2147483648 is out of range for an Integer'],
    ['a number where a string belongs', () => update({ cluster: 5 }), 'NUMBER_VALUE can not be converted to a String'],
    ['a string where a list belongs (not read letter by letter)', () => new DescribeServicesCommand(/** @type {any} */ ({ cluster: 'demo', services: 'web' })), 'STRING_VALUE can not be converted to a List'],
    ['a string where a boolean belongs', () => update({ forceNewDeployment: 'true' }), 'STRING_VALUE can not be converted to a Boolean'],
    ['a date string where a timestamp (epoch seconds) belongs', () => new ListServiceDeploymentsCommand(/** @type {any} */ ({ cluster: 'demo', service: 'web', createdAt: { after: '2024-01-01' } })), 'STRING_VALUE can not be converted to a Timestamp'],
    ['an object where a string belongs', () => update({ service: { name: 'web' } }), 'Start of structure or map found where not expected.'],
  ])('through the SDK: %s', async (_kind, command, message) => {
    const error = await rejection(env.ecs.send(/** @type {any} */ (command())));
    expect([error.name, error.$metadata?.httpStatusCode, error.message]).toEqual(['SerializationException', 400, message]);
  });

  it.each([
    ['a body that is not JSON', 'UpdateService', '{"service": "web"', 'Start of structure or map found where not expected.'],
    ['a body that is a list', 'UpdateService', '["web"]', 'Start of list found where not expected.'],
    ['a list where a structure belongs', 'UpdateService', '{"service": "web", "deploymentConfiguration": []}', 'Start of list found where not expected.'],
    ['a null inside a list', 'DescribeServices', '{"cluster": "demo", "services": ["web", null]}', "A list member can not be null (at 'services.2.member')."],
  ])('as raw HTTP: %s', async (_kind, operation, body, message) => {
    const answer = await post(env.emulator.url, `AmazonEC2ContainerServiceV20141113.${operation}`, body);
    expect(answer).toEqual({ status: 400, type: 'SerializationException', body: { __type: 'SerializationException', message } });
  });
});

describe('what a refusal leaves behind', () => {
  it('nothing reaches the handler: the service is unchanged and the request log says why', async () => {
    await rejection(env.ecs.send(update({ desiredCount: 'two' })));
    const svc = (await env.ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'] }))).services?.[0];
    expect(svc?.desiredCount).toBe(2);
    const last = env.emulator.state().requests.filter((/** @type {any} */ r) => r.operation === 'UpdateService').at(-1);
    expect(last).toMatchObject({ service: 'ecs', status: 400, errorType: 'SerializationException', input: { desiredCount: 'two' } });
  });
});
