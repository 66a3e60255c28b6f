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

export function fixLine(hint: string): string {
  return `${FIX_PREFIX}${hint}`;
}

export function logExcerpt(header: string, lines: string[]): string[] {
  return [`${LOG_HEADER_PREFIX}${header}:`, ...lines.flatMap((text) => text.split(/\r?\n|\r/)).map((line) => `${LOG_LINE_PREFIX}${line}`)];
}

export interface SplitExplanation {
  /** Group headlines (the stopped-task reasons) each with its fix, in order. */
  causes: Array<{ cause: string; fix?: string }>;
  logs: Array<{ header: string; lines: string[] }>;
  /** One-line reasons why logs are not shown. */
  unavailable: string[];
  /** Everything but the fixes and the logs: the groups with their container lines, the events. */
  details: string[];
}

export function splitExplanation(lines: string[]): SplitExplanation {
  const split: SplitExplanation = { causes: [], logs: [], unavailable: [], details: [] };
  for (const line of lines) {
    if (line.startsWith(FIX_PREFIX)) {
      const last = split.causes.at(-1);
      if (last) last.fix = line.slice(FIX_PREFIX.length);
    } else if (line.startsWith(LOG_HEADER_PREFIX)) {
      split.logs.push({ header: line.slice(LOG_HEADER_PREFIX.length).replace(/:$/, ''), lines: [] });
    } else if (line.startsWith(LOG_LINE_PREFIX)) {
      split.logs.at(-1)?.lines.push(line.slice(LOG_LINE_PREFIX.length));
    } else if (line.startsWith(LOGS_UNAVAILABLE_PREFIX)) {
      split.unavailable.push(line.slice(LOGS_UNAVAILABLE_PREFIX.length));
    } else if (CAUSE.test(line)) {
      split.causes.push({ cause: line });
      split.details.push(line);
    } else {
      split.details.push(line);
    }
  }
  return split;
}
