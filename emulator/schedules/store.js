// @ts-check
/**
 * EventBridge Scheduler: schedule groups and schedules, for ListScheduleGroups, ListSchedules,
 * GetSchedule and UpdateSchedule (REST JSON, routes in routes.js). Each behaviour cites its page
 * of the Scheduler API reference, https://docs.aws.amazon.com/scheduler/latest/APIReference/.
 * Schedules never fire here: the emulator keeps what they would run, not their invocations.
 */
import { ApiError } from '../core/errors.js';
import { page, pageLimit } from '../events/paging.js';

/** Error statuses from the Scheduler model (the "Errors" section of every operation's page). */
const ERRORS = /** @type {const} */ ({
  ValidationException: 400,
  ServiceQuotaExceededException: 402,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  ThrottlingException: 429,
  InternalServerException: 500,
});
const validation = (/** @type {string} */ message) => new ApiError(ERRORS.ValidationException, 'ValidationException', message);
const notFound = (/** @type {string} */ message) => new ApiError(ERRORS.ResourceNotFoundException, 'ResourceNotFoundException', message);

/**
 * RetryPolicy when none is given: "By default, EventBridge Scheduler retries ... for 24 hours and
 * up to 185 times" (User Guide, "Configuring a dead-letter queue for EventBridge Scheduler";
 * API_RetryPolicy.html gives the ranges 60-86400 and 0-185).
 */
const DEFAULT_RETRY_POLICY = Object.freeze({ MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 });

/** The members of a schedule that UpdateSchedule sets (API_UpdateSchedule.html, "Request Body"). */
const UPDATABLE = ['ScheduleExpression', 'ScheduleExpressionTimezone', 'StartDate', 'EndDate', 'Description', 'State', 'KmsKeyArn', 'ActionAfterCompletion', 'FlexibleTimeWindow', 'Target'];

/** Epoch seconds (the REST JSON timestamp form) of a scenario date (ISO 8601) or number. @param {unknown} value */
const seconds = (value) => (typeof value === 'string' ? Date.parse(value) / 1000 : /** @type {number | undefined} */ (value));

export class SchedulerStore {
  /**
   * @param {{ account: string, region: string, scheduler?: any, now?: () => number }} options
   *   scheduler: scenario.scheduler; now: wall-clock ms (dates are wall-clock, as in AWS)
   */
  constructor({ account, region, scheduler = {}, now = Date.now }) {
    this.arn = (/** @type {string} */ path) => `arn:aws:scheduler:${region}:${account}:${path}`;
    this.now = now;
    this.pageSize = scheduler.pageSize;
    this.pastStartDate = scheduler.pastStartDate ?? 'reject';
    const created = now() / 1000;
    // The default group exists in every account (User Guide, "Managing a schedule group").
    /** @type {Map<string, any>} */
    this.groups = new Map(['default', ...(scheduler.groups ?? []).map((/** @type {any} */ g) => g.Name)].map((name) => [
      name,
      { Arn: this.arn(`schedule-group/${name}`), Name: name, State: 'ACTIVE', CreationDate: created, LastModificationDate: created },
    ]));
    /** @type {Map<string, any>} keyed by group and name */
    this.schedules = new Map();
    for (const given of scheduler.schedules ?? []) {
      const dated = { ...given, StartDate: seconds(given.StartDate), EndDate: seconds(given.EndDate) };
      const schedule = this.stored(dated, created);
      this.schedules.set(key(schedule.GroupName, schedule.Name), schedule);
    }
    /** @type {{ schedule: string, group?: string, error: keyof typeof ERRORS, message?: string, calls?: number, seen: number }[]} */
    this.failures = (scheduler.updateFailures ?? []).map((/** @type {any} */ f) => ({ ...f, seen: 0 }));
  }

  /** @param {string} operation @returns {((input: any) => any) | undefined} */
  handler(operation) {
    /** @type {Record<string, (input: any) => any>} */
    const ops = {
      ListScheduleGroups: (i) => this.listScheduleGroups(i),
      ListSchedules: (i) => this.listSchedules(i),
      GetSchedule: (i) => this.getSchedule(i),
      UpdateSchedule: (i) => this.updateSchedule(i),
    };
    return ops[operation];
  }

  /** ListScheduleGroups (API_ListScheduleGroups.html): every group, NamePrefix filtered, paginated. @param {any} input */
  listScheduleGroups(input) {
    const groups = [...this.groups.values()].filter((g) => !input.NamePrefix || g.Name.startsWith(input.NamePrefix));
    const { page: ScheduleGroups, next } = page(groups, this.paging(input, 'groups'));
    return { ScheduleGroups: structuredClone(ScheduleGroups), ...(next ? { NextToken: next } : {}) };
  }

  /**
   * ListSchedules (API_ListSchedules.html): summaries `{ Arn, Name, GroupName, State, CreationDate,
   * LastModificationDate, Target: { Arn } }` ("TargetSummary": the target's ARN only), filtered by
   * ScheduleGroup ("If specified, only lists the schedules whose associated schedule group matches"),
   * NamePrefix and State; paginated.
   * @param {any} input
   */
  listSchedules(input) {
    const schedules = [...this.schedules.values()].filter((s) =>
      (!input.GroupName || s.GroupName === input.GroupName) && (!input.NamePrefix || s.Name.startsWith(input.NamePrefix)) && (!input.State || s.State === input.State));
    const { page: found, next } = page(schedules, this.paging(input, `schedules:${input.GroupName ?? ''}:${input.NamePrefix ?? ''}:${input.State ?? ''}`));
    const Schedules = found.map((s) => ({
      Arn: s.Arn, Name: s.Name, GroupName: s.GroupName, State: s.State, CreationDate: s.CreationDate, LastModificationDate: s.LastModificationDate, Target: { Arn: s.Target.Arn },
    }));
    return { Schedules, ...(next ? { NextToken: next } : {}) };
  }

  /** GetSchedule (API_GetSchedule.html): the whole schedule; without GroupName, the default group. @param {any} input */
  getSchedule(input) {
    return structuredClone(this.find(input.Name, input.GroupName));
  }

  /**
   * UpdateSchedule (API_UpdateSchedule.html): "EventBridge Scheduler uses all values, including empty
   * values, specified in the request and overrides the existing schedule ... if you do not set an
   * optional field in your request, that field will be set to its system-default value after the
   * update." The schedule becomes exactly the request, with the defaults of `stored`.
   * @param {any} input
   */
  updateSchedule(input) {
    const existing = this.find(input.Name, input.GroupName);
    const failure = this.scriptedFailure(existing);
    if (failure) throw new ApiError(ERRORS[failure.error], failure.error, failure.message ?? `Scripted ${failure.error} for schedule ${existing.Name}.`);
    checkUpdate(input);
    // CreateSchedule refuses a recurring schedule's StartDate more than 5 minutes in the past
    // ("The StartDate you specify cannot be earlier than 5 minutes ago."); whether UpdateSchedule
    // does too is not documented: scenario option scheduler.pastStartDate (default reject).
    const recurring = /^(rate|cron)\(/.test(String(input.ScheduleExpression));
    if (this.pastStartDate === 'reject' && recurring && typeof input.StartDate === 'number' && input.StartDate < this.now() / 1000 - 300) {
      throw validation('The StartDate you specify cannot be earlier than 5 minutes ago.');
    }
    const updated = this.stored({ ...input, GroupName: existing.GroupName }, existing.CreationDate);
    updated.LastModificationDate = this.now() / 1000;
    this.schedules.set(key(updated.GroupName, updated.Name), updated);
    return { ScheduleArn: updated.Arn };
  }

  /**
   * A schedule as Scheduler keeps it: the given members, and for those left out their defaults
   * (State ENABLED, API_CreateSchedule.html "State"; the target's RetryPolicy above).
   * @param {any} input @param {number} createdAt epoch seconds
   */
  stored(input, createdAt) {
    const group = input.GroupName ?? 'default';
    /** @type {Record<string, any>} */
    const schedule = { Arn: this.arn(`schedule/${group}/${input.Name}`), Name: input.Name, GroupName: group };
    for (const member of UPDATABLE) if (input[member] !== undefined) schedule[member] = structuredClone(input[member]);
    schedule.State ??= 'ENABLED';
    schedule.Target = { ...schedule.Target, RetryPolicy: schedule.Target?.RetryPolicy ?? { ...DEFAULT_RETRY_POLICY } };
    schedule.CreationDate = createdAt;
    schedule.LastModificationDate = createdAt;
    return schedule;
  }

  /** @param {unknown} name @param {unknown} group */
  find(name, group) {
    const groupName = typeof group === 'string' && group !== '' ? group : 'default';
    const schedule = this.schedules.get(key(groupName, String(name)));
    if (!schedule) throw notFound(`Schedule ${name} does not exist.`);
    return schedule;
  }

  /** @param {any} schedule */
  scriptedFailure(schedule) {
    for (const failure of this.failures) {
      if (failure.schedule !== schedule.Name || (failure.group ?? 'default') !== schedule.GroupName) continue;
      failure.seen += 1;
      if (failure.calls === undefined || failure.seen <= failure.calls) return failure;
    }
    return undefined;
  }

  /** @param {any} input @param {string} scope */
  paging(input, scope) {
    return { token: input.NextToken, limit: pageLimit(input.MaxResults, 'maxResults', validation), pageSize: this.pageSize, scope, invalid: validation };
  }

  /** Groups and whole schedules, for the state endpoint. */
  state() {
    return { groups: structuredClone([...this.groups.values()]), schedules: structuredClone([...this.schedules.values()]) };
  }
}

/**
 * The members UpdateSchedule requires (API_UpdateSchedule.html: ScheduleExpression, Target,
 * FlexibleTimeWindow; Target.Arn and RoleArn, API_Target.html; FlexibleTimeWindow.Mode and, for
 * FLEXIBLE, MaximumWindowInMinutes, API_FlexibleTimeWindow.html; EcsParameters.TaskDefinitionArn,
 * API_EcsParameters.html).
 * @param {any} input
 */
function checkUpdate(input) {
  const missing = [
    ['scheduleExpression', input.ScheduleExpression],
    ['flexibleTimeWindow', input.FlexibleTimeWindow],
    ['flexibleTimeWindow.mode', input.FlexibleTimeWindow?.Mode],
    ['target', input.Target],
    ['target.arn', input.Target?.Arn],
    ['target.roleArn', input.Target?.RoleArn],
    ...(input.Target?.EcsParameters ? [['target.ecsParameters.taskDefinitionArn', input.Target.EcsParameters.TaskDefinitionArn]] : []),
  ].filter(([, value]) => value === undefined || value === null || value === '');
  if (missing.length > 0) throw validation(`${missing.length} validation error(s) detected: ${missing.map(([name]) => `Value null at '${name}' failed to satisfy constraint: Member must not be null`).join('; ')}`);
  if (input.FlexibleTimeWindow.Mode === 'FLEXIBLE' && input.FlexibleTimeWindow.MaximumWindowInMinutes === undefined) {
    throw validation('MaximumWindowInMinutes is required when Mode is FLEXIBLE.');
  }
}

/** @param {string} group @param {string} name */
function key(group, name) {
  return `${group}\u0000${name}`;
}
