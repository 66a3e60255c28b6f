/** mode 'rollback': finding the revision to return to, and redeploying a revision with a watch. */
import { jest, describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import {
  ECSClient,
  DescribeServicesCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeTaskDefinitionCommand,
  ListServiceDeploymentsCommand,
  ListTaskDefinitionsCommand,
  UpdateServiceCommand,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  type ECSClientResolvedConfig,
} from '@aws-sdk/client-ecs';
import * as core from '../../__fixtures__/core.js';
import { FakeClock } from '../../__fixtures__/fake-clock.js';
import { loadFixture, SD_OURS, TD7, TD8, UPDATED_AT } from '../../__fixtures__/watch/load.js';

jest.unstable_mockModule('@actions/core', () => core);
const { resolveRollbackTarget } = await import('../../src/rollback/target.js');
const { redeploy } = await import('../../src/rollback/redeploy.js');

const PREFIX = 'arn:aws:ecs:eu-west-1:123456789012';
const TD9 = `${PREFIX}:task-definition/web:9`;
const CURRENT_SD = `${PREFIX}:service-deployment/demo/web/Cur9Rr8Ss7Tt6Uu5Vv4Ww`;
const awsError = (name: string, message: string): Error => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });

let ecs: AwsStub<ServiceInputTypes, ServiceOutputTypes, ECSClientResolvedConfig>;
const history = loadFixture('rollback-history');
const runningWeb9 = () => {
  const service = loadFixture('success').polls[2].describeServices.services[0];
  return { services: [{ ...service, taskDefinition: TD9, currentServiceDeployment: CURRENT_SD }], failures: [] };
};

beforeEach(() => {
  ecs = mockClient(ECSClient);
  ecs.on(DescribeServicesCommand).resolves(runningWeb9());
});
afterEach(() => ecs.restore());

const client = () => new ECSClient({ region: 'eu-west-1' });
/** The service as the rollback found it: web:9 from CURRENT_SD. */
const STILL_WEB9 = { serviceDeploymentArn: CURRENT_SD, taskDefinitionArn: TD9, what: 'demo/web was to be rolled back from web:9' };

describe('resolveRollbackTarget', () => {
  it("takes 'previous' from the newest successful deployment of another revision", async () => {
    ecs.on(ListServiceDeploymentsCommand).resolves(history.listServiceDeployments);
    ecs.on(DescribeServiceRevisionsCommand).resolves(history.describeServiceRevisions);
    await expect(resolveRollbackTarget(client(), 'demo', 'web', 'previous', 'us-east-1')).resolves.toEqual({ target: TD7, current: TD9, currentServiceDeployment: CURRENT_SD });
    expect(ecs.commandCalls(ListServiceDeploymentsCommand)[0].args[0].input).toEqual({ cluster: 'demo', service: 'web', status: ['SUCCESSFUL'], maxResults: 100 });
    // newest first, the current deployment left out: the forced redeploy of web:9, then web:7, then web:5
    expect(ecs.commandCalls(DescribeServiceRevisionsCommand)[0].args[0].input).toEqual({
      serviceRevisionArns: [
        `${PREFIX}:service-revision/demo/web/4029000000000000009`,
        `${PREFIX}:service-revision/demo/web/4020000000000000007`,
        `${PREFIX}:service-revision/demo/web/4010000000000000005`,
      ],
    });
    expect(ecs.commandCalls(ListTaskDefinitionsCommand)).toHaveLength(0);
  });

  it.each([
    ['denied', awsError('AccessDeniedException', 'not authorized to perform: ecs:ListServiceDeployments')],
    ['empty', undefined],
  ])('falls back to the newest older ACTIVE revision of the same family when the history is %s', async (_name, error) => {
    if (error) ecs.on(ListServiceDeploymentsCommand).rejects(error);
    else ecs.on(ListServiceDeploymentsCommand).resolves({ serviceDeployments: [] });
    ecs.on(ListTaskDefinitionsCommand).resolves(history.listTaskDefinitions);
    await expect(resolveRollbackTarget(client(), 'demo', 'web', 'previous', 'us-east-1')).resolves.toEqual({ target: TD8, current: TD9, currentServiceDeployment: CURRENT_SD });
    expect(ecs.commandCalls(ListTaskDefinitionsCommand)[0].args[0].input).toEqual({ familyPrefix: 'web', status: 'ACTIVE', sort: 'DESC', nextToken: undefined });
  });

  it('says clearly when there is nothing older to return to', async () => {
    ecs.on(ListServiceDeploymentsCommand).resolves({ serviceDeployments: [] });
    ecs.on(ListTaskDefinitionsCommand).resolves({ taskDefinitionArns: [`${PREFIX}:task-definition/web-worker:3`, TD9] });
    await expect(resolveRollbackTarget(client(), 'demo', 'web', 'previous', 'us-east-1')).rejects.toThrow(
      "No revision to roll back to: service demo/web runs web:9, ECS records no earlier successful deployment of another revision, and the family has no ACTIVE revision older than it. Set 'rollback-to' to the revision you want.",
    );
  });

  it('confirms an explicit revision and returns its ARN', async () => {
    ecs.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: { taskDefinitionArn: TD7, family: 'web', revision: 7, status: 'ACTIVE' } });
    await expect(resolveRollbackTarget(client(), 'demo', 'web', 'web:7', 'us-east-1')).resolves.toEqual({ target: TD7, current: TD9, currentServiceDeployment: CURRENT_SD });
    expect(ecs.commandCalls(DescribeTaskDefinitionCommand)[0].args[0].input).toEqual({ taskDefinition: 'web:7' });
  });

  it.each([
    [awsError('ClientException', 'Unable to describe task definition.'), "Invalid input 'rollback-to': 'web:70' is not a registered task definition revision (DescribeTaskDefinition said: Unable to describe task definition.)"],
    [{ taskDefinition: { taskDefinitionArn: `${PREFIX}:task-definition/web:70`, status: 'INACTIVE' } }, "Invalid input 'rollback-to': 'web:70' is INACTIVE"],
  ])('refuses an explicit revision that cannot be deployed', async (answer, message) => {
    if (answer instanceof Error) ecs.on(DescribeTaskDefinitionCommand).rejects(answer);
    else ecs.on(DescribeTaskDefinitionCommand).resolves(answer as never);
    await expect(resolveRollbackTarget(client(), 'demo', 'web', 'web:70', 'us-east-1')).rejects.toThrow(message);
  });
});

describe('redeploy', () => {
  it('updates the service to the revision with a forced deployment and watches it to its verdict', async () => {
    const fixture = loadFixture('success');
    ecs.on(ListServiceDeploymentsCommand).resolves(loadFixture('list-service-deployments').answer);
    ecs.on(DescribeServiceRevisionsCommand).resolves({
      serviceRevisions: [{ serviceRevisionArn: `${PREFIX}:service-revision/demo/web/4021234567890123456`, taskDefinition: TD8 }],
    });
    ecs.on(DescribeServicesCommand).resolvesOnce(runningWeb9()).resolvesOnce(fixture.polls[0].describeServices).resolvesOnce(fixture.polls[2].describeServices);
    ecs.on(UpdateServiceCommand).resolves(fixture.updateService);
    ecs.on(DescribeServiceDeploymentsCommand).resolvesOnce(fixture.polls[0].describeServiceDeployments).resolvesOnce(fixture.polls[2].describeServiceDeployments);
    const clock = new FakeClock(UPDATED_AT.getTime());
    const outcome = await redeploy(
      client(),
      { cluster: 'demo', service: 'web', taskDefinitionArn: TD8, reason: 'smoke check failed', region: 'us-east-1', expect: STILL_WEB9 },
      { timeoutMs: 60_000, pollIntervalMs: 5_000, rollbackOnFailure: false, clock },
    );
    expect(ecs.commandCalls(UpdateServiceCommand).map((call) => call.args[0].input)).toEqual([
      { cluster: 'demo', service: 'web', taskDefinition: TD8, forceNewDeployment: true },
    ]);
    expect(outcome.verdict).toBe('deployed');
    expect(outcome.serviceDeploymentArn).toBe(SD_OURS);
    expect(core.info).toHaveBeenCalledWith('Redeploying web:8 to demo/web: smoke check failed.');
  });

  it.each([
    ['another service deployment is current', { serviceDeploymentArn: `${CURRENT_SD}0` }, `the service's current service deployment is ${CURRENT_SD}, not ours (${CURRENT_SD}0)`],
    ['the service is set to another revision', { taskDefinitionArn: TD8 }, 'the service is set to web:9, not web:8'],
  ])('writes nothing and ends superseded when %s', async (_, changed, why) => {
    const outcome = await redeploy(
      client(),
      { cluster: 'demo', service: 'web', taskDefinitionArn: TD7, reason: 'mode rollback', region: 'us-east-1', expect: { ...STILL_WEB9, ...changed } },
      { timeoutMs: 60_000, pollIntervalMs: 5_000, rollbackOnFailure: false, clock: new FakeClock() },
    );
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
    expect(outcome).toMatchObject({ verdict: 'superseded', runningTaskDefinition: TD9 });
    expect(outcome.sentence).toBe(
      `Superseded: demo/web was to be rolled back from web:9, but another deployment (web:9, ${CURRENT_SD}) replaced ours meanwhile (${why}); the action wrote nothing, since a rollback now would undo it. The service is now set to web:9.`,
    );
  });

  it('throws what UpdateService said when the redeploy cannot start', async () => {
    ecs.on(UpdateServiceCommand).rejects(awsError('InvalidParameterException', 'TaskDefinition is inactive'));
    await expect(
      redeploy(
        client(),
        { cluster: 'demo', service: 'web', taskDefinitionArn: TD7, reason: 'mode rollback', region: 'us-east-1', expect: STILL_WEB9 },
        { timeoutMs: 60_000, pollIntervalMs: 5_000, rollbackOnFailure: false, clock: new FakeClock() },
      ),
    ).rejects.toThrow('Could not update service demo/web to web:7: InvalidParameterException: TaskDefinition is inactive');
  });
});
