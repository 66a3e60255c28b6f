// The request validator on its own (emulator/core/validate.js): what a handler gets to read, and
// the refusals no SDK call makes easy to send (maps, unions, blobs, sensitive members).
import { afterEach, describe, expect, it } from '@jest/globals';
import { PropagateTags } from '@aws-sdk/client-ecs';
import { ProtocolEnum } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ScheduleState } from '@aws-sdk/client-scheduler';
import { RequestValidator } from '../../../emulator/core/validate.js';
import { scenario, start } from '../helpers.js';
import { post } from './raw-request.js';

const validator = new RequestValidator();
/** @param {string} service @param {string} operation @param {unknown} input */
const refusal = (service, operation, input) => {
  const { error } = validator.check(service, operation, input);
  return error && [error.status, error.type, error.message];
};

describe('what a handler reads', () => {
  it('is the request without members set to null (JSON null means "not set")', () => {
    expect(validator.check('ecs', 'UpdateService', { service: 'web', desiredCount: null, cluster: 'demo' })).toEqual({ input: { service: 'web', cluster: 'demo' } });
  });

  it.each(['LaunchRocket', 'constructor', '__proto__'])('answers UnknownOperationException for an operation the model does not have: %s', (operation) => {
    expect(refusal('ecs', operation, {})).toEqual([400, 'UnknownOperationException', '']);
  });

  it('keeps a map key named __proto__ as a key, and drops a member of that name', () => {
    const { input } = validator.check('kms', 'Decrypt', JSON.parse('{"CiphertextBlob": "AAAA", "__proto__": {"x": 1}, "EncryptionContext": {"__proto__": "v"}}'));
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    expect(Object.keys(input ?? {})).toEqual(['CiphertextBlob', 'EncryptionContext']);
    expect(Object.entries(/** @type {any} */ (input).EncryptionContext)).toEqual([['__proto__', 'v']]);
  });

  it('fails loudly, naming the generator, for a service without rules', () => {
    expect(() => validator.check('sqs', 'SendMessage', {})).toThrow(/No request rules for service 'sqs'.*node emulator\/model\/generate\.js/);
  });
});

describe('unknown members: AWS documents nothing, so the scenario chooses (undocumented.unknownRequestMembers)', () => {
  it('ignore (default): dropped before the handler', () => {
    expect(validator.check('ecs', 'UpdateService', { service: 'web', colour: 'red', deploymentConfiguration: { maximumPercent: 200, shade: 1 } }))
      .toEqual({ input: { service: 'web', deploymentConfiguration: { maximumPercent: 200 } } });
  });

  it('reject: SerializationException naming the member', () => {
    const strict = new RequestValidator({ unknownMembers: 'reject' });
    const { error } = strict.check('ecs', 'UpdateService', { service: 'web', deploymentConfiguration: { shade: 1 } });
    expect([error?.type, error?.message]).toEqual(['SerializationException', "Unknown member 'shade' at 'deploymentConfiguration.shade'."]);
  });

  /** @type {{ stop: () => Promise<void> }[]} */
  const running = [];
  afterEach(async () => Promise.all(running.splice(0).map((e) => e.stop())));

  it.each([
    ['ignore', { status: 200 }],
    ['reject', { status: 400, type: 'SerializationException' }],
  ])('the emulator applies the scenario choice: %s', async (choice, expected) => {
    const { emulator } = await start({ ...scenario('healthy.json'), undocumented: { unknownRequestMembers: choice } });
    running.push(emulator);
    const answer = await post(emulator.url, 'AmazonEC2ContainerServiceV20141113.DescribeServices', '{"cluster": "demo", "services": ["web"], "colour": "red"}');
    expect(answer).toMatchObject(expected);
  });
});

describe('refusals by kind', () => {
  it.each([
    ['a blob that is not base64', 'kms', 'Decrypt', { CiphertextBlob: 'not base64!' }, [400, 'SerializationException', 'Invalid base64 for a Blob.']],
    ['a union with no member set', 'logs', 'PutIntegration', { integrationName: 'i', integrationType: 'OPENSEARCH', resourceConfig: {} },
      [400, 'SerializationException', "A union must have exactly one member set, found 0 at 'resourceConfig'."]],
    ['a union member the model does not have (whatever unknownMembers says)', 'logs', 'PutIntegration', { integrationName: 'i', integrationType: 'OPENSEARCH', resourceConfig: { elastic: {} } },
      [400, 'SerializationException', "Unknown member 'elastic' at 'resourceConfig.elastic'."]],
    ['a null map value', 'kms', 'Decrypt', { CiphertextBlob: 'AAAA', EncryptionContext: { a: null } }, [400, 'SerializationException', "A map value can not be null (at 'EncryptionContext.a')."]],
    ['a required member deep in a list', 'ecs', 'RegisterTaskDefinition', { family: 'web', containerDefinitions: [{ name: 'web', image: 'i', environment: [{ name: 'A' }], secrets: [{ name: 'S' }] }] },
      [400, 'InvalidParameterException', "1 validation error detected: Value null at 'containerDefinitions.1.member.secrets.1.member.valueFrom' failed to satisfy constraint: Member must not be null"]],
    ['a top-level null body', 'ecs', 'ListClusters', null, [400, 'SerializationException', 'NULL_VALUE can not be converted to a Structure']],
    ['several at once, each listed', 'ecs', 'UpdateService', { propagateTags: 'ALL', forceNewDeployment: true },
      [400, 'InvalidParameterException', `2 validation errors detected: Value 'ALL' at 'propagateTags' failed to satisfy constraint: Member must satisfy enum value set: [${Object.values(PropagateTags).join(', ')}]; `
        + "Value null at 'service' failed to satisfy constraint: Member must not be null"]],
  ])('%s', (_kind, service, operation, input, expected) => {
    expect(refusal(service, operation, input)).toEqual(expected);
  });

  // No installed SDK has a map whose keys or values take an enum, nor a sensitive enum member:
  // rules written as the generator would write them show how such refusals read.
  const synthetic = new RequestValidator();
  synthetic.loaded.set('example', {
    operations: { Put: { input: 'PutRequest', constraintError: 'ValidationException' } },
    shapes: {
      PutRequest: {
        type: 'structure',
        members: {
          labels: { type: 'map', key: { type: 'string', enum: ['team', 'owner'] }, value: { type: 'string', enum: ['red', 'blue'] } },
          mode: { type: 'string', enum: ['on', 'off'], sensitive: true },
        },
      },
    },
  });
  it.each([
    ['a map value outside its enum: one item for the map, every constraint of its values', { labels: { team: 'green' } },
      "1 validation error detected: Value '{team=green}' at 'labels' failed to satisfy constraint: Map value must satisfy constraint: [Member must satisfy enum value set: [red, blue]]"],
    ['a map key outside its enum', { labels: { colour: 'red' } },
      "1 validation error detected: Value '{colour=red}' at 'labels' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy enum value set: [team, owner]]"],
    ['a sensitive member: its value is not quoted', { mode: 'auto' },
      "1 validation error detected: Value at 'mode' failed to satisfy constraint: Member must satisfy enum value set: [on, off]"],
  ])('%s', (_kind, input, message) => {
    const { error } = synthetic.check('example', 'Put', input);
    expect([error?.status, error?.type, error?.message]).toEqual([400, 'ValidationException', message]);
  });

  it('lets through the special values a double may be written as', () => {
    expect(refusal('ecs', 'UpdateService', { service: 'web', deploymentConfiguration: { canaryConfiguration: { canaryPercent: 'NaN' } } })).toBeUndefined();
  });
});

describe('members that travel as text (awsQuery forms, restJson1 paths and query strings)', () => {
  it('are read as the model types them, at every depth, before they are checked', () => {
    const form = { Name: 'web', Port: '8080', HealthCheckEnabled: 'true', HealthyThresholdCount: '3', Tags: [{ Key: 'team', Value: 'web' }] };
    const read = validator.readStrings('elasticloadbalancing', 'CreateTargetGroup', form);
    expect(read).toEqual({ Name: 'web', Port: 8080, HealthCheckEnabled: true, HealthyThresholdCount: 3, Tags: [{ Key: 'team', Value: 'web' }] });
    expect(validator.check('elasticloadbalancing', 'CreateTargetGroup', read)).toEqual({ input: read });
  });

  it.each([
    ['an enum value that does not exist: the service\'s constraint error (ELBv2: ValidationError)', 'elasticloadbalancing', 'CreateTargetGroup', { Name: 'web', Port: '8080', Protocol: 'HTTPX' },
      [400, 'ValidationError', `1 validation error detected: Value 'HTTPX' at 'Protocol' failed to satisfy constraint: Member must satisfy enum value set: [${Object.values(ProtocolEnum).join(', ')}]`]],
    ['text that is not a number: left as text, so a value of the wrong type', 'scheduler', 'ListSchedules', { MaxResults: 'ten' },
      [400, 'SerializationException', 'STRING_VALUE can not be converted to an Integer']],
    ['a fraction where an integer belongs (Scheduler)', 'scheduler', 'ListSchedules', { MaxResults: '2.5' },
      [400, 'SerializationException', 'NUMBER_VALUE 2.5 can not be converted to an Integer']],
    ['a query-string enum value that does not exist (Scheduler)', 'scheduler', 'ListSchedules', { State: 'PAUSED' },
      [400, 'ValidationException', `1 validation error detected: Value 'PAUSED' at 'State' failed to satisfy constraint: Member must satisfy enum value set: [${Object.values(ScheduleState).join(', ')}]`]],
  ])('%s', (_kind, service, operation, fields, expected) => {
    expect(refusal(service, operation, validator.readStrings(service, operation, fields))).toEqual(expected);
  });
});
