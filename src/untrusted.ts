/**
 * Text from outside the action made inert before core.info prints it: AWS's free text (service
 * events, stopped and status reasons, error messages) and what an application prints (log lines,
 * smoke output). The runner takes a line for a workflow command when it starts with `::` after
 * leading blanks, and `##[name]` anywhere in a line (actions/runner, ActionCommand.TryParseV2 and
 * TryParse), so one line of such text could mask a value, fake an annotation or stop commands.
 *
 * core.warning, core.error and core.setFailed need nothing: @actions/core escapes line breaks in
 * a command's data, so their text stays data on one line. The job summary is a file the runner
 * does not read for commands (report/summary.ts escapes its Markdown).
 */

/** Where the runner may start a new line: .NET splits on CR and LF; the rest are split too, to be safe. */
const LINE_BREAK = /(\r\n|[\r\n\u0085\u2028\u2029])/;
/** Leading blanks as .NET's TrimStart sees them (JavaScript's \s plus NEL), then `::`. */
const COMMAND_LINE = /^([\s\u0085]*)::/;
const LEGACY_COMMAND = /##\[/g;

/**
 * `text` with every line that would start a workflow command quoted (`| ::...`) and every `##[`
 * spaced (`## [`); everything else, line breaks included, unchanged.
 */
export function inert(text: string): string {
  return text
    .split(LINE_BREAK)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(COMMAND_LINE, '$1| ::').replace(LEGACY_COMMAND, '## [')))
    .join('');
}
