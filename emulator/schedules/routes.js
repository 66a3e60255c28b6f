// @ts-check
/**
 * EventBridge Scheduler speaks REST JSON: the operation is the method and path, its parameters
 * are in the path, the query string and the JSON body. The routes follow the "Request Syntax" of
 * each page of the Scheduler API reference (https://docs.aws.amazon.com/scheduler/latest/APIReference/),
 * as @aws-sdk/client-scheduler sends them.
 */

/** Query parameters and the input members they carry, per operation. */
const QUERY = {
  // API_ListScheduleGroups.html: GET /schedule-groups?MaxResults=&NamePrefix=&NextToken=
  ListScheduleGroups: { MaxResults: 'MaxResults', NamePrefix: 'NamePrefix', NextToken: 'NextToken' },
  // API_ListSchedules.html: GET /schedules?MaxResults=&NamePrefix=&NextToken=&ScheduleGroup=&State=
  ListSchedules: { MaxResults: 'MaxResults', NamePrefix: 'NamePrefix', NextToken: 'NextToken', ScheduleGroup: 'GroupName', State: 'State' },
  // API_GetSchedule.html: GET /schedules/Name?groupName=
  GetSchedule: { groupName: 'GroupName' },
  // API_UpdateSchedule.html: PUT /schedules/Name, everything else in the body
  UpdateSchedule: {},
};

/**
 * The Scheduler operation a request names, or undefined when it is not a Scheduler route.
 * @param {string} method @param {string} url
 * @returns {{ service: 'scheduler', operation: string, params: Record<string, unknown> } | undefined}
 */
export function schedulerRoute(method, url) {
  const { pathname, searchParams } = new URL(url, 'http://emulator');
  let operation;
  /** @type {Record<string, unknown>} */
  const params = {};
  const named = /^\/schedules\/([^/]+)$/.exec(pathname);
  if (method === 'GET' && pathname === '/schedule-groups') operation = 'ListScheduleGroups';
  else if (method === 'GET' && pathname === '/schedules') operation = 'ListSchedules';
  else if (named && method === 'GET') operation = 'GetSchedule';
  else if (named && method === 'PUT') operation = 'UpdateSchedule';
  else return undefined;
  if (named) params.Name = decodeURIComponent(named[1]);
  for (const [query, member] of Object.entries(QUERY[/** @type {keyof typeof QUERY} */ (operation)])) {
    const value = searchParams.get(query);
    if (value !== null) params[member] = value;
  }
  return { service: 'scheduler', operation, params };
}
