/** A service as DescribeServices answers it: ECS controller, rolling, its own percentages and alarms. */
import type { Service } from '@aws-sdk/client-ecs';

export const CURRENT = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:41';

export function service(overrides: Partial<Service> = {}): Service {
  return {
    serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/web',
    serviceName: 'web',
    status: 'ACTIVE',
    taskDefinition: CURRENT,
    desiredCount: 3,
    runningCount: 3,
    deploymentController: { type: 'ECS' },
    deploymentConfiguration: {
      maximumPercent: 150,
      minimumHealthyPercent: 50,
      deploymentCircuitBreaker: { enable: false, rollback: false },
      alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true },
      strategy: 'ROLLING',
      bakeTimeInMinutes: 5,
    },
    ...overrides,
  };
}
