/**
 * EventBridge Scheduler schedules that run ECS tasks in the cluster: every group, every page,
 * filtered by target ARN (a summary carries nothing else), then read whole with GetSchedule.
 * UpdateSchedule replaces the whole schedule, so it is always sent everything GetSchedule returned.
 */
import {
  GetScheduleCommand,
  UpdateScheduleCommand,
  paginateListScheduleGroups,
  paginateListSchedules,
  type GetScheduleCommandOutput,
  type SchedulerClient,
  type UpdateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { awsErrorName, awsFailure } from '../aws/errors.js';
import { UNIVERSAL_RUN_TASK } from './revision.js';

/** CreateSchedule refuses a recurring schedule's StartDate earlier than this before now. */
const START_DATE_GRACE_MS = 5 * 60_000;

export interface FoundSchedule {
  group: string;
  name: string;
  /** The schedule as UpdateSchedule must get it back: GetSchedule's answer without Arn and the dates Scheduler sets. */
  schedule: UpdateScheduleCommandInput;
}

/** Every schedule of every group whose target is the cluster (templated ECS target) or ECS RunTask through the universal target. */
export async function findSchedules(client: SchedulerClient, clusterArn: string): Promise<FoundSchedule[]> {
  const candidates: Array<{ group: string; name: string }> = [];
  try {
    for await (const groups of paginateListScheduleGroups({ client }, {})) {
      for (const group of groups.ScheduleGroups ?? []) {
        for await (const listed of paginateListSchedules({ client }, { GroupName: group.Name })) {
          for (const summary of listed.Schedules ?? []) {
            if (summary.Target?.Arn === clusterArn || summary.Target?.Arn === UNIVERSAL_RUN_TASK) candidates.push({ group: group.Name!, name: summary.Name! });
          }
        }
      }
    }
  } catch (error) {
    throw awsFailure('list the EventBridge Scheduler schedules (ListScheduleGroups, ListSchedules)', error);
  }
  const found: FoundSchedule[] = [];
  for (const { group, name } of candidates) {
    try {
      found.push({ group, name, schedule: asUpdate(await client.send(new GetScheduleCommand({ Name: name, GroupName: group }))) });
    } catch (error) {
      throw awsFailure(`read schedule ${name} of group ${group} (GetSchedule)`, error);
    }
  }
  return found;
}

/** Everything GetSchedule returned but what UpdateSchedule does not take (Arn) and what Scheduler sets itself (the dates of creation and change). */
function asUpdate(got: GetScheduleCommandOutput): UpdateScheduleCommandInput {
  const { Arn: _arn, CreationDate: _created, LastModificationDate: _changed, $metadata: _metadata, ...rest } = got;
  return { ...rest, Name: got.Name!, ScheduleExpression: got.ScheduleExpression!, FlexibleTimeWindow: got.FlexibleTimeWindow!, Target: got.Target! };
}

export interface ScheduleWrite {
  /** Set when Scheduler refused the schedule's StartDate (in the past) and it was sent without it. */
  droppedStartDate?: Date;
}

/**
 * UpdateSchedule with the whole schedule. CreateSchedule refuses a recurring schedule's StartDate
 * more than 5 minutes in the past, and AWS does not say whether UpdateSchedule does: when it
 * answers ValidationException for a schedule whose StartDate is that old, the schedule is sent
 * again without it. A StartDate in the past does not change when a started schedule runs.
 */
export async function updateSchedule(client: SchedulerClient, schedule: UpdateScheduleCommandInput, now: number): Promise<ScheduleWrite> {
  const attempt = `update schedule ${schedule.Name} of group ${schedule.GroupName ?? 'default'} (UpdateSchedule)`;
  try {
    await client.send(new UpdateScheduleCommand(schedule));
    return {};
  } catch (error) {
    const start = schedule.StartDate;
    if (awsErrorName(error) !== 'ValidationException' || !start || start.getTime() >= now - START_DATE_GRACE_MS) throw awsFailure(attempt, error);
    const { StartDate: _past, ...withoutStart } = schedule;
    try {
      await client.send(new UpdateScheduleCommand(withoutStart));
      return { droppedStartDate: start };
    } catch (retryError) {
      throw awsFailure(`${attempt}, also without its past StartDate ${start.toISOString()}`, retryError);
    }
  }
}
