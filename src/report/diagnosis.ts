/**
 * The lines of an explanation that carry a fix or a log excerpt, written by the watch and the
 * release task and picked out by the job summary, which puts them first.
 */
export const FIX_PREFIX = '  fix: ';
export const LOG_HEADER_PREFIX = '  last log lines of ';
export const LOGS_UNAVAILABLE_PREFIX = '  logs: ';
export const LOG_LINE_PREFIX = '    | ';

/** A group headline of describeStoppedTasks: "2 tasks of web:3 stopped (TaskFailedToStart): ...". */
const CAUSE = /^\d+ tasks? of \S+ stopped \(/;
/**
 * Tasks the service scheduler stopped to scale in ("Scaling activity initiated by (deployment …)"):
 * a rollback stopping the failed revision's last tasks, or a lower desired count. Not failures.
 */
const SCALED_IN = /^\d+ tasks? of \S+ stopped \(ServiceSchedulerInitiated\): Scaling activity initiated by /;

export function fixLine(hint: string): string {
  return `${FIX_PREFIX}${hint}`;
}

export function logExcerpt(header: string, lines: string[]): string[] {
  return [`${LOG_HEADER_PREFIX}${header}:`, ...lines.flatMap((text) => text.split(/\r?\n|\r/)).map((line) => `${LOG_LINE_PREFIX}${line}`)];
}

/** One group of stopped tasks: its headline, the container lines under it, its fix. */
export interface StoppedGroup {
  cause: string;
  containers: string[];
  fix?: string;
}

export interface SplitExplanation {
  /** The groups of stopped tasks that failed, in order. */
  causes: StoppedGroup[];
  /** The groups the scheduler stopped to scale in: not failures. */
  scaledIn: StoppedGroup[];
  logs: Array<{ header: string; lines: string[] }>;
  /** One-line reasons why logs are not shown. */
  unavailable: string[];
  /** Everything else, in order: the intro, other lines, the events. */
  details: string[];
}

export function splitExplanation(lines: string[]): SplitExplanation {
  const split: SplitExplanation = { causes: [], scaledIn: [], logs: [], unavailable: [], details: [] };
  let group: StoppedGroup | undefined;
  for (const line of lines) {
    if (line.startsWith(FIX_PREFIX)) {
      if (group) group.fix = line.slice(FIX_PREFIX.length);
    } else if (line.startsWith(LOG_HEADER_PREFIX)) {
      split.logs.push({ header: line.slice(LOG_HEADER_PREFIX.length).replace(/:$/, ''), lines: [] });
    } else if (line.startsWith(LOG_LINE_PREFIX)) {
      split.logs.at(-1)?.lines.push(line.slice(LOG_LINE_PREFIX.length));
    } else if (line.startsWith(LOGS_UNAVAILABLE_PREFIX)) {
      split.unavailable.push(line.slice(LOGS_UNAVAILABLE_PREFIX.length));
    } else if (CAUSE.test(line)) {
      group = { cause: line, containers: [] };
      (SCALED_IN.test(line) ? split.scaledIn : split.causes).push(group);
    } else if (group && line.startsWith('  ')) {
      group.containers.push(line.trim());
    } else {
      group = undefined;
      split.details.push(line);
    }
  }
  return split;
}
