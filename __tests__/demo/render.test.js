/** The demo's terminal rendering of the action's workflow commands (demo/render.js), from lines the action really prints. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ROOT } from '../../test-support/action-runner.js';
import { closingLine, createRenderer, decodeMessage, decodeProperty, parseCommand, renderOutputs, wantsColor } from '../../demo/render.js';

const TOKEN = '4m6bd6WL7lqK5m5OZIfVii2tZuOuCZR9zYV9vUnugbde3CsFxn4Kq1cd/BSv0WzisDxMSveYpphmanEBObBsD43PeIxNPGoLVp/NUttgU4DIQnGuaqlmowVdO/wDwlj7';
const STOP = 'edv-530f2c43116511228146dd19a8c66809';

/** Renders lines (or one text, fed in chunks of `chunk` characters) and returns the printed lines. */
function render(lines, { color = false, chunk } = {}) {
  let out = '';
  const renderer = createRenderer({ write: (text) => (out += text), color });
  const text = `${lines.join('\n')}\n`;
  const size = chunk ?? text.length;
  for (let at = 0; at < text.length; at += size) renderer.push(text.slice(at, at + size));
  renderer.end();
  return out.replace(/\n$/, '').split('\n');
}

describe('rendering the action log', () => {
  it.each([
    [
      'a group as a heading with its lines indented',
      ['::group::Revision', '1 ECR image found.', 'Registered arn:aws:ecs:us-east-1:123456789012:task-definition/web:2.', '::endgroup::', 'Service web: 2/2 running.'],
      ['▸ Revision', '  1 ECR image found.', '  Registered arn:aws:ecs:us-east-1:123456789012:task-definition/web:2.', 'Service web: 2/2 running.'],
    ],
    [
      'a group opened inside another as the next group, as the UI shows it',
      [
        '::group::Watching the deployment',
        'Paused at POST_TEST_TRAFFIC_SHIFT (PAUSE hook a84cad2b): running the smoke check in the web:5 (green) tasks before any production traffic reaches them.',
        '::group::Smoke check: healthcheck',
        "Checking 1 task of arn:aws:ecs:us-east-1:123456789012:task-definition/web:5, container 'web'.",
        '::endgroup::',
        'ContinueServiceDeployment hook a84cad2b with action ROLLBACK.',
        '::endgroup::',
      ],
      [
        '▸ Watching the deployment',
        '  Paused at POST_TEST_TRAFFIC_SHIFT (PAUSE hook a84cad2b): running the smoke check in the web:5 (green) tasks before any production traffic reaches them.',
        '▸ Smoke check: healthcheck',
        "  Checking 1 task of arn:aws:ecs:us-east-1:123456789012:task-definition/web:5, container 'web'.",
        'ContinueServiceDeployment hook a84cad2b with action ROLLBACK.',
      ],
    ],
    [
      'a mask hidden and applied to every later line, not to earlier ones',
      [`before ${TOKEN.slice(0, 12)}`, `::add-mask::${TOKEN}`, 'Task b64dfb33: passed, exit status 0 (0.2s).', `session token ${TOKEN} in a line`],
      [`before ${TOKEN.slice(0, 12)}`, 'Task b64dfb33: passed, exit status 0 (0.2s).', 'session token *** in a line'],
    ],
    [
      'stop-commands: the markers hidden, nothing interpreted until the token comes back',
      [
        `::stop-commands::${STOP}`,
        '  | Applying migration 0042_add_orders_table',
        '  | ::error::a line of the app, not a command',
        '::group::also not a command',
        `::${STOP}::`,
        '::endgroup::',
        "The release task 3251 of web:2: container 'web' exited with code 0.",
      ],
      ['  | Applying migration 0042_add_orders_table', '  | ::error::a line of the app, not a command', '::group::also not a command', "The release task 3251 of web:2: container 'web' exited with code 0."],
    ],
    [
      'masks still apply while commands are stopped',
      [`::add-mask::${TOKEN}`, `::stop-commands::${STOP}`, `  | echo ${TOKEN}`, `::${STOP}::`],
      ['  | echo ***'],
    ],
    [
      'an error decoded into lines, the later ones under the first',
      [
        '::error::Deployment of web:3 to demo/web failed: the deployment circuit breaker triggered after 3 failed tasks (threshold 3).%0A3 tasks of web:3 stopped (EssentialContainerExited): Essential container in task exited [adea7580]%0A  fix: The application in container \'web\' stopped with exit code 1: its last log lines say why.%0A    | FATAL: password authentication failed for user "web"',
      ],
      [
        'Error: Deployment of web:3 to demo/web failed: the deployment circuit breaker triggered after 3 failed tasks (threshold 3).',
        '       3 tasks of web:3 stopped (EssentialContainerExited): Essential container in task exited [adea7580]',
        "         fix: The application in container 'web' stopped with exit code 1: its last log lines say why.",
        '           | FATAL: password authentication failed for user "web"',
      ],
    ],
    [
      'a warning inside a group',
      ['::group::Smoke check: healthcheck', '::warning::Task 0e0e5b7f: FAILED, exit status 3 (0.2s).', '::endgroup::'],
      ['▸ Smoke check: healthcheck', '  Warning: Task 0e0e5b7f: FAILED, exit status 3 (0.2s).'],
    ],
    [
      'a notice with a title and a file, their properties decoded',
      ['::notice title=Dropped%3A output-only fields,file=.aws/td.json,line=3::Dropped fields that only describe-task-definition returns: revision, status.'],
      ['Notice: Dropped: output-only fields: Dropped fields that only describe-task-definition returns: revision, status. (.aws/td.json:3)'],
    ],
    ['debug lines hidden, as the UI hides them', ['::debug::Job summary not written: no GITHUB_STEP_SUMMARY', 'next'], ['next']],
    ['a set-output shown as name = value', ['::set-output name=result::rolled-back'], ['output result = rolled-back']],
    ['percent signs and carriage returns decoded', ['::error::100%25 of 2 tasks failed%0D%0Aon web:3'], ['Error: 100% of 2 tasks failed', '       on web:3']],
    ['a line that only looks like a command left as it is', [':: not a command', '::unknown-thing::kept'], [':: not a command', '::unknown-thing::kept']],
  ])('%s', (_name, lines, expected) => {
    expect(render(lines)).toEqual(expected);
    expect(render(lines, { chunk: 7 })).toEqual(expected);
  });

  it('colours the annotation labels and group headings only when asked', () => {
    const lines = ['::group::Revision', '::error::Could not register', '::warning::slow', '::notice::dropped'];
    expect(render(lines, { color: true })).toEqual([
      '\x1b[1m▸ Revision\x1b[22m',
      '  \x1b[31m\x1b[1mError:\x1b[22m\x1b[39m Could not register',
      '  \x1b[33m\x1b[1mWarning:\x1b[22m\x1b[39m slow',
      '  \x1b[34m\x1b[1mNotice:\x1b[22m\x1b[39m dropped',
    ]);
    expect(render(lines).join('\n')).not.toContain('\x1b[');
  });

  it.each(['step-1-release-deploy-smoke.txt', 'step-2-breaker-rollback.txt', 'step-4-blue-green-pause.txt'])(
    'a whole step of the demo (%s) renders with no workflow command, mask token or escape left',
    (file) => {
      const raw = fs.readFileSync(path.join(ROOT, '__tests__', 'demo', 'fixtures', file), 'utf8').split('\n');
      const rendered = render(raw);
      const tokens = raw.filter((line) => line.startsWith('::add-mask::')).map((line) => line.slice('::add-mask::'.length));
      expect(rendered.filter((line) => /^\s*::/.test(line))).toEqual([]);
      expect(rendered.join('\n')).not.toMatch(/%0A|%25/);
      for (const token of tokens) expect(rendered.join('\n')).not.toContain(token);
      expect(rendered.length).toBeGreaterThan(20);
    },
  );
});

describe('decoding', () => {
  it.each([
    ['a%0Ab', 'a\nb', 'a\nb'],
    ['50%25', '50%', '50%'],
    ['%0D%0a', '\r\n', '\r\n'],
    ['a%3Ab%2Cc', 'a%3Ab%2Cc', 'a:b,c'],
    ['%2525', '%25', '%25'],
  ])('%s', (text, message, property) => {
    expect(decodeMessage(text)).toBe(message);
    expect(decodeProperty(text)).toBe(property);
  });

  it('parses a command with properties', () => {
    expect(parseCommand('::error title=Bad input,file=a.json::Invalid input%0Anext')).toEqual({
      name: 'error',
      properties: { title: 'Bad input', file: 'a.json' },
      message: 'Invalid input\nnext',
      rawMessage: 'Invalid input%0Anext',
    });
    expect(parseCommand('Deployed web:2 to demo/web.')).toBeUndefined();
  });
});

describe('colour', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [undefined, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
  ])('a stream with isTTY %s and env %j: %s', (isTTY, env, expected) => {
    expect(wantsColor({ isTTY }, env)).toBe(expected);
  });
});

describe('the outputs and the closing line', () => {
  it('lists non-empty outputs with their names aligned, masked, a multi-line value indented', () => {
    const outputs = { result: 'smoke-failed-rolled-back', 'rolled-back-to': 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2', 'run-task-arn': '', 'smoke-output': `GET /healthz -> 503\nsecret ${TOKEN}\n` };
    const mask = (text) => text.split(TOKEN).join('***');
    expect(renderOutputs(outputs, { mask }).split('\n')).toEqual([
      'outputs',
      '  result          smoke-failed-rolled-back',
      '  rolled-back-to  arn:aws:ecs:us-east-1:123456789012:task-definition/web:2',
      '  smoke-output    GET /healthz -> 503',
      '                  secret ***',
      '',
    ]);
    expect(renderOutputs({})).toBe('');
  });

  it('shows a long one-line output (a JSON output) by its start and its length', () => {
    const timings = JSON.stringify({ version: 1, phases: Array.from({ length: 20 }, (_, i) => ({ phase: 'pull', seconds: i })) });
    const [, line] = renderOutputs({ 'deploy-timings': timings }).split('\n');
    expect(line.startsWith(`  deploy-timings  ${timings.slice(0, 159)}… (${timings.length} characters)`)).toBe(true);
    expect(line).toHaveLength('  deploy-timings  '.length + 160 + ` (${timings.length} characters)`.length);
  });

  it.each([
    [[true, true, true, true], 4, '4 of 4 steps got their expected verdict'],
    [[true, false, true, true], 4, "3 of 4 steps got their expected verdict; not step 2 (got 'failed', exit status 1)"],
    [[true, true], 4, '2 of 4 steps got their expected verdict; not step 3 (did not run), step 4 (did not run)'],
  ])('%j of %i', (oks, total, line) => {
    const verdicts = oks.map((ok, index) => ({ step: index + 1, ok, got: { result: ok ? 'deployed' : 'failed', code: ok ? 0 : 1 } }));
    expect(closingLine(verdicts, total)).toBe(line);
  });
});
