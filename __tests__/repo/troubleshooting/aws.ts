/** Examples of what AWS answered before anything changed: credentials, permissions, images, the service, revisions. */
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListServiceDeploymentsCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type Service,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import { DescribeImagesCommand, ImageNotFoundException } from '@aws-sdk/client-ecr';
import { awsRegion } from '../../../src/aws/clients.js';
import { verifyImages } from '../../../src/task-definition/images.js';
import { describeTaskDefinition, registerTaskDefinition } from '../../../src/task-definition/register.js';
import { serviceToDeploy } from '../../../src/service/describe.js';
import { requireServiceDeployments } from '../../../src/service/deployments-api.js';
import { resolveRollbackTarget } from '../../../src/rollback/target.js';
import { ACCOUNT, awsError, definition, denied, ECR, ecr, ecrClient, ecs, ecsClient, refusal, TASK_DEFINITION, type Producers } from './support.js';

/** DescribeServices answering `service` (or `failures`), then what serviceToDeploy says. */
function service(answer: Partial<Service> | { failure: string } | Error): Promise<string> {
  if (answer instanceof Error) ecs.on(DescribeServicesCommand).rejects(answer);
  else if ('failure' in answer) ecs.on(DescribeServicesCommand).resolves({ services: [], failures: [{ arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/web`, reason: answer.failure }] });
  else ecs.on(DescribeServicesCommand).resolves({ services: [{ serviceName: 'web', status: 'ACTIVE', ...answer }] });
  return refusal(() => serviceToDeploy(ecsClient(), 'prod', 'web', 'us-east-1'));
}

const checkImages = () => refusal(() => verifyImages([{ name: 'web', image: `${ECR}/web:v2` }], async () => ecrClient()));

const revision = (answer: TaskDefinition | Error, named: string) => {
  if (answer instanceof Error) ecs.on(DescribeTaskDefinitionCommand).rejects(answer);
  else ecs.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: answer });
  return refusal(() => describeTaskDefinition(ecsClient(), named, { inputName: 'rollback-to' }));
};

export const producers: Producers = {
  'aws-expired': () => service(awsError('ExpiredTokenException', 'The security token included in the request is expired')),
  'aws-no-credentials': () => service(awsError('CredentialsProviderError', 'Could not load credentials from any providers')),
  'aws-no-region': () => refusal(() => awsRegion({})),
  'aws-access-denied': () => service(denied('ecs:DescribeServices', `arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/web`)),
  'aws-throttled': () => service(awsError('ThrottlingException', 'Rate exceeded')),
  'aws-pass-role': () => {
    ecs.on(RegisterTaskDefinitionCommand).rejects(awsError('ClientException', 'Role is not valid'));
    return refusal(() => registerTaskDefinition(ecsClient(), definition() as never));
  },
  'ecr-access-denied': () => {
    ecr.on(DescribeImagesCommand).rejects(awsError('AccessDeniedException', `User: arn:aws:sts::${ACCOUNT}:assumed-role/github-deploy/GitHubActions is not authorized to perform: ecr:DescribeImages`));
    return checkImages();
  },
  'image-missing': () => {
    ecr.on(DescribeImagesCommand).rejects(
      new ImageNotFoundException({ message: `The image with imageId {imageDigest:'null', imageTag:'v2'} does not exist within the repository with name 'web' in the registry with id '${ACCOUNT}'`, $metadata: {} }),
    );
    return checkImages();
  },

  'service-no-cluster': () => service(awsError('ClusterNotFoundException', 'Cluster not found.')),
  'service-missing': () => service({ failure: 'MISSING' }),
  'service-draining': () => service({ status: 'DRAINING' }),
  'service-codedeploy': () => service({ deploymentController: { type: 'CODE_DEPLOY' } }),
  'service-staged-no-api': () => {
    ecs.on(ListServiceDeploymentsCommand).rejects(denied('ecs:ListServiceDeployments', `arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/web`));
    const web: Service = { serviceName: 'web', taskDefinition: TASK_DEFINITION('web:7'), deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 10 } };
    return refusal(() => requireServiceDeployments(ecsClient(), 'prod', web));
  },
  'revision-not-registered': () => revision(awsError('ClientException', 'Unable to describe task definition.'), 'web:99'),
  'revision-inactive': () => revision({ family: 'web', revision: 3, taskDefinitionArn: TASK_DEFINITION('web:3'), status: 'INACTIVE' }, 'web:3'),
  'rollback-no-revision': () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [{ serviceName: 'web', status: 'ACTIVE', taskDefinition: TASK_DEFINITION('web:1') }] });
    ecs.on(ListServiceDeploymentsCommand).resolves({ serviceDeployments: [] });
    ecs.on(ListTaskDefinitionsCommand).resolves({ taskDefinitionArns: [TASK_DEFINITION('web:1')] });
    return refusal(() => resolveRollbackTarget(ecsClient(), 'prod', 'web', 'previous', 'us-east-1'));
  },
};
