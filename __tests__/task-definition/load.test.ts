import { afterAll, describe, expect, it } from '@jest/globals';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OUTPUT_ONLY_FIELDS, parseTaskDefinitionText, prepareTaskDefinition, readTaskDefinitionFile } from '../../src/task-definition/load.js';

const describeOutput = JSON.parse(fs.readFileSync('__fixtures__/ecs/describe-task-definition-web.json', 'utf8'));

function minimal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'web', image: 'nginx:1.27', essential: true }],
    ...overrides,
  };
}

function refusal(parsed: unknown, images: Array<{ container: string; image: string }> = []): string {
  try {
    prepareTaskDefinition(parsed, 'td.json', images);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the task definition to be refused');
}

describe('describe-task-definition output', () => {
  it('unwraps, drops every output-only field, keeps the tags and empty environment values', () => {
    const { request, dropped } = prepareTaskDefinition(structuredClone(describeOutput), 'web.json', []);
    expect(dropped).toEqual([...OUTPUT_ONLY_FIELDS]);
    for (const field of OUTPUT_ONLY_FIELDS) expect(request).not.toHaveProperty(field);
    expect(request.tags).toEqual(describeOutput.tags);
    expect(request.containerDefinitions![0].environment).toContainEqual({ name: 'FEATURE_FLAGS', value: '' });
    expect(request.containerDefinitions![0]).not.toHaveProperty('mountPoints');
    expect(request.volumes).toBeUndefined();
    expect(request.family).toBe('web');
    expect(request.enableFaultInjection).toBe(false);
  });

  it('merges task-definition-tags over the file tags by key', () => {
    const { request } = prepareTaskDefinition(structuredClone(describeOutput), 'web.json', [], [
      { key: 'team', value: 'payments' },
      { key: 'commit', value: 'abc123' },
    ]);
    expect(request.tags).toEqual([
      { key: 'team', value: 'payments' },
      { key: 'service', value: 'web' },
      { key: 'commit', value: 'abc123' },
    ]);
  });

  it('refuses extra keys beside taskDefinition', () => {
    expect(refusal({ taskDefinition: minimal(), ResponseMetadata: {} })).toContain("also has 'ResponseMetadata'");
  });
});

describe('a file that is not a task definition', () => {
  const PASSWD = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n';
  const EXPECTED = "not a task definition. Expected a JSON or YAML object with 'family' and 'containerDefinitions', or the output of 'aws ecs describe-task-definition'.";

  it.each([
    ['/etc/passwd', 'passwd', PASSWD, "one string (YAML reads a text without 'key: value' lines at its top as a single string)"],
    ['a YAML string', 'td.yaml', 'task-definition.json\n', "one string (YAML reads a text without 'key: value' lines at its top as a single string)"],
    ['a JSON string', 'td.json', '"web"', 'a JSON string'],
    ['a number', 'td.json', '42', 'a number'],
    ['true', 'td.yaml', 'true', 'the boolean true'],
    ['only comments', 'td.yaml', '# to do\n', 'null (YAML reads a file of only comments as null)'],
    ['an empty JSON list', 'td.json', '[]', 'a list'],
    ['a list of numbers', 'td.json', '[1, 2]', 'a list'],
    ['a list of task definitions', 'td.json', JSON.stringify([minimal(), minimal({ family: 'api' })]), 'a list of task definitions (one file holds one; give each its own file)'],
    [
      'a list of containers',
      'td.json',
      JSON.stringify([{ name: 'web', image: 'nginx', environment: [{ name: 'TOKEN', value: 'hunter2' }] }]),
      "a list of container definitions (they belong under 'containerDefinitions' of a task definition)",
    ],
  ])('%s: says what it holds and what was expected, quoting none of it', async (_case, file, text, holds) => {
    const parsed = await parseTaskDefinitionText(text, file);
    let message = '';
    try {
      prepareTaskDefinition(parsed, file, []);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(`Invalid input 'task-definition': ${file} holds ${holds}, ${EXPECTED}`);
    for (const secret of ['root:x', 'hunter2', 'task-definition.json', 'nginx']) expect(message).not.toContain(secret);
  });
});

describe('key and type check against the ECS model', () => {
  it.each([
    [
      'a typo in a container key',
      minimal({ containerDefinitions: [{ name: 'web', image: 'nginx', enviroment: [] }] }),
      "containerDefinitions[0].enviroment: unknown key 'enviroment': did you mean 'environment'?",
    ],
    ['a typo at the top', minimal({ famly: 'x' }), "famly: unknown key 'famly': did you mean 'family'?"],
    [
      'a typo deep down',
      minimal({ containerDefinitions: [{ name: 'web', image: 'nginx', logConfiguration: { logdriver: 'awslogs' } }] }),
      "containerDefinitions[0].logConfiguration.logdriver: unknown key 'logdriver': did you mean 'logDriver'?",
    ],
    [
      'valueFrom under environment',
      minimal({ containerDefinitions: [{ name: 'web', image: 'nginx', environment: [{ name: 'A', valueFrom: 'arn:x' }] }] }),
      "containerDefinitions[0].environment[0].valueFrom: unknown key 'valueFrom': a variable read from Secrets Manager or SSM belongs under 'secrets'",
    ],
    [
      'a port as a string',
      minimal({ containerDefinitions: [{ name: 'web', image: 'nginx', portMappings: [{ containerPort: '8000' }] }] }),
      'containerDefinitions[0].portMappings[0].containerPort: expected a number, found the string "8000" (write 8000 without quotes)',
    ],
    ['tags as a map', minimal({ tags: { team: 'web' } }), 'tags: expected a list, found an object (write tags as a list'],
    ['no family', { containerDefinitions: [{ name: 'web', image: 'nginx' }] }, "family: 'family' is required"],
    ['an empty family', minimal({ family: '' }), "family: 'family' is required"],
    ['task cpu as a number', minimal({ cpu: 256 }), 'cpu: expected a string, found the number 256 (write "256" in quotes)'],
    ['a boolean as a string', minimal({ containerDefinitions: [{ name: 'web', image: 'nginx', essential: 'yes' }] }), 'essential: expected true or false'],
  ])('refuses %s, naming the path', (_case, definition, expected) => {
    const message = refusal(definition);
    expect(message).toMatch(/^Invalid input 'task-definition': td\.json: /);
    expect(message).toContain(expected);
  });

  it.each([
    [
      'environment as an object',
      { environment: { APP_ENV: 'production', DATABASE_PASSWORD: 'hunter2' } },
      'containerDefinitions[0].environment: expected a list, found an object (write environment as a list of names and values: [{ "name": "APP_ENV", "value": "…" }, …]).',
    ],
    [
      'secrets as an object',
      { secrets: { DATABASE_PASSWORD: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-hunter2' } },
      'containerDefinitions[0].secrets: expected a list, found an object (write secrets as a list: [{ "name": "DATABASE_PASSWORD", "valueFrom": "<Secrets Manager or SSM parameter ARN>" }, …]).',
    ],
  ])('suggests the list form for %s, without its values', (_case, container, expected) => {
    const message = refusal(minimal({ executionRoleArn: 'arn:aws:iam::123456789012:role/x', containerDefinitions: [{ name: 'web', image: 'nginx', ...container }] }));
    expect(message).toBe(`Invalid input 'task-definition': td.json: ${expected}`);
    expect(message).not.toMatch(/production|hunter2/);
  });

  it('never quotes an environment value back', () => {
    const message = refusal(minimal({ containerDefinitions: [{ name: 'web', image: 'nginx', environment: [{ name: 'TOKEN', value: 31337 }] }] }));
    expect(message).toContain('containerDefinitions[0].environment[0].value: expected a string, found a number');
    expect(message).not.toContain('31337');
  });
});

describe('registration rules', () => {
  it.each([
    ['awsvpc host port', minimal({ containerDefinitions: [{ name: 'web', image: 'nginx', portMappings: [{ containerPort: 80, hostPort: 8080 }] }] }), 'portMappings[0].hostPort: with networkMode'],
    ['privileged on Fargate', minimal({ containerDefinitions: [{ name: 'web', image: 'nginx', privileged: true }] }), 'privileged containers are not supported on Fargate'],
    ['secrets without an execution role', minimal({ containerDefinitions: [{ name: 'web', image: 'nginx', secrets: [{ name: 'A', valueFrom: 'arn:aws:ssm:us-east-1:1:parameter/a' }] }] }), "'secrets' needs a task 'executionRoleArn'"],
    ['container memory above the task', minimal({ containerDefinitions: [{ name: 'web', image: 'nginx', memory: 1024 }] }), "container 'web' asks for 1024 MiB but the task has 512 MiB"],
    ['an undeclared volume', minimal({ containerDefinitions: [{ name: 'web', image: 'nginx', mountPoints: [{ sourceVolume: 'data', containerPath: '/d' }] }] }), "the volume 'data' is not declared"],
    ['json-file logs on Fargate', minimal({ containerDefinitions: [{ name: 'web', image: 'nginx', logConfiguration: { logDriver: 'json-file' } }] }), "the log driver 'json-file' is not supported on Fargate"],
    ['two containers with one name', minimal({ containerDefinitions: [{ name: 'web', image: 'a' }, { name: 'web', image: 'b' }] }), "the container name 'web' is used twice"],
    ['no essential container', minimal({ containerDefinitions: [{ name: 'web', image: 'a', essential: false }] }), 'at least one container must be essential'],
    ['a container with no image', minimal({ containerDefinitions: [{ name: 'web' }] }), "container 'web' has no image: set one in the file or with 'container-images' (web=<image>)"],
  ])('refuses %s', (_case, definition, expected) => {
    expect(refusal(definition)).toContain(expected);
  });

  it('accepts "1 vCPU" and "2 GB" task sizes', () => {
    const definition = minimal({ cpu: '1 vCPU', memory: '2 GB', containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 1024, memory: 2048 }] });
    expect(() => prepareTaskDefinition(definition, 'td.json', [])).not.toThrow();
  });
});

describe('limits', () => {
  it('refuses more than 10 containers', () => {
    const containers = Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, image: 'nginx' }));
    expect(refusal(minimal({ containerDefinitions: containers, cpu: '4096', memory: '8192' }))).toContain('has 11 containers; ECS accepts at most 10');
  });

  it('refuses more than 50 tags', () => {
    const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(refusal(minimal({ tags }))).toContain('give 51 tags; ECS accepts at most 50');
  });

  it('refuses a request over 64 KiB', () => {
    const environment = Array.from({ length: 700 }, (_, i) => ({ name: `VAR_${i}`, value: 'x'.repeat(100) }));
    expect(refusal(minimal({ containerDefinitions: [{ name: 'web', image: 'nginx', environment }] }))).toMatch(/is \d+ bytes as a request; ECS accepts at most 65536 bytes/);
  });
});

describe('container-images', () => {
  it('sets the images of several containers', () => {
    const { request } = prepareTaskDefinition(structuredClone(describeOutput), 'web.json', [
      { container: 'web', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2' },
      { container: 'log-router', image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0' },
    ]);
    expect(request.containerDefinitions!.map((c) => c.image)).toEqual([
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2',
      'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0',
    ]);
  });

  it('names the containers that exist when one does not', () => {
    expect(refusal(structuredClone(describeOutput), [{ container: 'app', image: 'x:1' }])).toBe(
      "Invalid input 'container-images': no container named 'app' in the task definition. Expected one of: 'web', 'log-router'.",
    );
  });
});

async function syntaxMessage(text: string, file: string): Promise<string> {
  try {
    await parseTaskDefinitionText(text, file);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a syntax error');
}

describe('JSON syntax errors: the true line and column, in our words', () => {
  it.each([
    ['a line comment', '{\n  "family": "web",\n  // the web tier\n  "cpu": "256"\n}', '3:3: not valid JSON: a comment; JSON has none (expected no comments'],
    ['a block comment', '{\n  "family": "web" /* note */\n}', '2:19: not valid JSON: a comment; JSON has none'],
    ['a trailing comma in an object', '{\n  "family": "web",\n  "cpu": "256",\n}', "3:15: not valid JSON: a comma after the last member of an object (expected no comma before '}')."],
    ['a trailing comma in a list', '{\n  "requiresCompatibilities": ["FARGATE",]\n}', "2:40: not valid JSON: a comma after the last item of a list (expected no comma before ']')."],
    ['an unterminated string', '{\n  "family": "web,\n  "cpu": "256"\n}', '2:13: not valid JSON: a string is not closed (expected a closing \'"\' on the same line).'],
    ['a missing comma between members', '{\n  "family": "web"\n  "cpu": "256"\n}', "3:3: not valid JSON: a comma is missing between two members of an object (expected ',' or '}')."],
    ['a missing comma between items', '{"requiresCompatibilities": [\n  "EC2"\n  "FARGATE"\n]}', "3:3: not valid JSON: a comma is missing between two items of a list (expected ',' or ']')."],
    ['an unquoted key', '{\n  family: "web"\n}', '2:3: not valid JSON: a key without quotes (expected the key in double quotes).'],
    ['single quotes', "{\n  'family': 'web'\n}", '2:3: not valid JSON: a string in single quotes (expected double quotes).'],
    ['a byte order mark, then a mistake', '\uFEFF{\n  "family": "web",\n}', "2:18: not valid JSON: a comma after the last member of an object (expected no comma before '}')."],
    ['a byte order mark inside the file', '{\n  "family": \uFEFF"web"\n}', '2:13: not valid JSON: a byte order mark inside the file'],
    ['an empty file', '', '1:1: not valid JSON: the file is empty (expected a task definition object).'],
    ['a file of blank lines', '\n  \n', '1:1: not valid JSON: the file is empty (expected a task definition object).'],
    ['a missing closing brace', '{\n  "family": "web"\n', "3:1: not valid JSON: the file ends before an object is closed (expected '}')."],
    ['a missing colon', '{\n  "family" "web"\n}', "2:12: not valid JSON: a key is not followed by a colon (expected ':' between the key and its value)."],
    ['a missing value', '{\n  "family": ,\n  "cpu": "256"\n}', '2:13: not valid JSON: a key has no value (expected a value: a string in double quotes'],
    ['a second object after the first', '{"family": "web"}\n{}', '2:1: not valid JSON: more content after the end of the task definition'],
    ['a tab inside a string', '{\n  "family": "w\teb"\n}', '2:15: not valid JSON: a control character (a tab or a line break) inside a string'],
    ['an unknown escape', '{\n  "family": "C:\\temp\\x"\n}', '2:21: not valid JSON: an unknown escape sequence in a string'],
    ['a broken \\u escape', '{\n  "family": "\\u12"\n}', '2:14: not valid JSON: a \\u escape without four hex digits'],
    ['a leading zero', '{\n  "memory": 0512\n}', '2:13: not valid JSON: a number starts with a zero'],
    ['True instead of true', '{\n  "essential": True\n}', '2:16: not valid JSON: true, false or null with a capital letter (expected it in lower case).'],
    ['a bare word as a value', '{\n  "essential": yes\n}', '2:16: not valid JSON: a word that is not a JSON value (expected a value: a string in double quotes'],
    ['CRLF line endings', '{\r\n  "family": "web"\r\n  "cpu": "256"\r\n}', "3:3: not valid JSON: a comma is missing between two members of an object (expected ',' or '}')."],
  ])('%s', async (_case, text, expected) => {
    const start = `Invalid input 'task-definition': td.json:${expected}`;
    expect((await syntaxMessage(text, 'td.json')).slice(0, start.length)).toBe(start);
  });

  it('reports a .json file as JSON even when YAML would read it', async () => {
    const message = await syntaxMessage('family: web\n', 'td.json');
    expect(message).toBe("Invalid input 'task-definition': td.json:1:1: not valid JSON: the file does not start like JSON (expected '{'; a file named .json is read as JSON, name a YAML file .yaml).");
  });

  it('reads a file named neither .json nor .yaml by its first character', async () => {
    expect(await syntaxMessage('{\n  "family": "web",\n}', 'td.template')).toMatch(/^Invalid input 'task-definition': td\.template:2:18: not valid JSON: /);
    await expect(parseTaskDefinitionText('family: web\n', 'td.template')).resolves.toEqual({ family: 'web' });
  });

  it('accepts a byte order mark and CRLF line endings', async () => {
    await expect(parseTaskDefinitionText('\uFEFF{\r\n"family": "web"\r\n}', 'td.json')).resolves.toEqual({ family: 'web' });
  });
});

describe('YAML syntax errors: the true line and column, in our words', () => {
  it.each([
    ['a mapping on the line of its key', 'family: web\n  bad: [1, 2\n', '1:9: not valid YAML: a mapping nested on the line of its key'],
    ['a list item key out of line', 'containerDefinitions:\n  - name: web\n   image: nginx\n', '3:4: not valid YAML: a line inside a list item does not line up with it'],
    ['keys at different columns', 'containerDefinitions:\n  - web\n  image: nginx\n', '3:3: not valid YAML: the indentation does not line up'],
    ['a tab as indentation', 'family: web\ncontainerDefinitions:\n\t- name: web\n', '3:1: not valid YAML: a tab used for indentation (expected spaces).'],
    ['an unclosed double quote', 'family: web\ncpu: "256\nmemory: 512\n', '2:6: not valid YAML: a double-quoted string is not closed'],
    ["an unclosed single quote", "family: 'web\n", "1:9: not valid YAML: a single-quoted string is not closed"],
    ['a duplicate key', 'family: web\ncpu: "256"\nfamily: api\n', '3:1: not valid YAML: a key that appears twice in one mapping (expected each key once).'],
    ['two documents', 'family: web\n---\nfamily: api\n', "2:1: not valid YAML: a second YAML document starts here (expected one document: remove the '---' line)."],
    ['a missing colon', 'family: web\ncpu 256\nmemory: 512\n', "2:1: not valid YAML: a key that runs over more than one line, often a missing ':'"],
    ['a reserved first character', 'family: @web\n', '1:9: not valid YAML: a plain value starts with a character YAML reserves (expected the value in quotes).'],
    ['an alias to nothing', 'family: web\nvolumes: *shared\n', "2:10: not valid YAML: an alias to an anchor that is not defined before it (expected '&name' on an earlier value for each '*name')."],
    ['an empty file', '\n', '1:1: not valid YAML: the file is empty'],
  ])('%s', async (_case, text, expected) => {
    const start = `Invalid input 'task-definition': td.yaml:${expected}`;
    expect((await syntaxMessage(text, 'td.yaml')).slice(0, start.length)).toBe(start);
  });

  it('allows aliases, and refuses a file whose aliases multiply', async () => {
    const shared = 'family: web\nx: &env [{name: A, value: "1"}]\ncontainerDefinitions:\n  - {name: web, environment: *env}\n  - {name: log, environment: *env}\n';
    const parsed = (await parseTaskDefinitionText(shared, 'td.yml')) as { containerDefinitions: Array<{ environment: unknown }> };
    expect(parsed.containerDefinitions[1].environment).toEqual([{ name: 'A', value: '1' }]);

    const ten = (item: string) => `[${Array(10).fill(item).join(', ')}]`;
    const bomb = `a: &a ${ten('x')}\nb: &b ${ten('*a')}\nc: &c ${ten('*b')}\nd: &d ${ten('*c')}\n`;
    expect(await syntaxMessage(bomb, 'td.yml')).toBe(
      "Invalid input 'task-definition': td.yml:2:8: not valid YAML: aliases that expand to more than 100 copies of anchored values (expected fewer aliases; they are allowed, but a file that multiplies them is refused).",
    );
  });
});

describe('a broken file never quotes its content', () => {
  const SECRET = 'sk_live_9fQ2xZr7Lm4Tq8Wv';
  /** Every 4-character piece of the secret: V8's fragment is a window that may cut it anywhere. */
  const pieces = Array.from({ length: SECRET.length - 3 }, (_, i) => SECRET.slice(i, i + 4));
  const env = (value: string) => `{\n  "family": "web",\n  "containerDefinitions": [{"name": "web", "environment": [{"name": "STRIPE_KEY", "value": ${value}}]}]\n}`;

  it.each([
    ['an unquoted value', env(SECRET), 'td.json'],
    ['a single-quoted value', env(`'${SECRET}'`), 'td.json'],
    ['a missing comma after the value', env(`"${SECRET}" "x"`), 'td.json'],
    ['an unterminated value', env(`"${SECRET}\n`), 'td.json'],
    ['a bad escape in the value', env(`"${SECRET}\\q"`), 'td.json'],
    ['a bad escape in a YAML value', `family: web\nenvironment:\n  - name: STRIPE_KEY\n    value: "${SECRET}\\q"\n`, 'td.yaml'],
    ['a YAML value with a reserved first character', `family: web\nenvironment:\n  - name: STRIPE_KEY\n    value: @${SECRET}\n`, 'td.yaml'],
    ['an unclosed YAML quote', `family: web\nenvironment:\n  - name: STRIPE_KEY\n    value: "${SECRET}\n`, 'td.yaml'],
    ['a YAML alias named like the secret', `family: web\nenvironment: *${SECRET}\n`, 'td.yaml'],
  ])('%s', async (_case, text, file) => {
    const message = await syntaxMessage(text, file);
    expect(message).toMatch(new RegExp(`^Invalid input 'task-definition': ${file.replace('.', '\\.')}:\\d+:\\d+: not valid (JSON|YAML): `));
    for (const piece of pieces) expect(message).not.toContain(piece);
  });

  it('would leak through the parsers own messages (what the check above guards against)', async () => {
    const leaks = (message: string) => pieces.some((piece) => message.includes(piece));
    expect(leaks(((): string => { try { JSON.parse(env(SECRET)); return ''; } catch (error) { return (error as Error).message; } })())).toBe(true);
    const { parseDocument } = await import('yaml');
    expect(leaks(parseDocument(`value: "${SECRET}\\q"\n`).errors[0].message)).toBe(true);
  });
});

describe('reading the file', () => {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'td-read-'));
  afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));
  fs.mkdirSync(path.join(workspace, 'deploy'));
  fs.writeFileSync(path.join(workspace, 'deploy', 'web.json'), '{}');
  fs.writeFileSync(path.join(workspace, 'deploy', 'notes.txt'), '');
  fs.mkdirSync(path.join(workspace, 'encodings'));
  fs.writeFileSync(path.join(workspace, 'encodings', 'utf16.json'), Buffer.from('\uFEFF{}', 'utf16le'));

  async function readMessage(input: string): Promise<string> {
    try {
      await readTaskDefinitionFile(input, path.resolve(workspace, input));
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected the file to be refused');
  }

  it.each([
    ['a directory', '.', `'.' (resolved to '${workspace}') is a directory; expected a JSON or YAML file.`],
    ['a directory with task definitions in it', 'deploy', `'deploy' (resolved to '${workspace}/deploy') is a directory; expected a JSON or YAML file (it holds 'web.json').`],
    ['a missing file', 'deploy/api.json', `'deploy/api.json' (resolved to '${workspace}/deploy/api.json') does not exist; expected a JSON or YAML file, relative to the workspace.`],
    ['a missing folder', 'infra/api.json', `'infra/api.json' (resolved to '${workspace}/infra/api.json') does not exist, nor does its folder '${workspace}/infra'; expected a JSON or YAML file, relative to the workspace.`],
    ['an absolute path', `${workspace}/nope.json`, `'${workspace}/nope.json' does not exist; expected a JSON or YAML file, relative to the workspace.`],
  ])('%s: quotes the input, then what it resolved to', async (_case, input, expected) => {
    expect(await readMessage(input)).toBe(`Invalid input 'task-definition': ${expected}`);
  });

  it('refuses a UTF-16 file, naming the encoding', async () => {
    expect(await readMessage('encodings/utf16.json')).toMatch(/encodings\/utf16\.json:1:1: the file is UTF-16 encoded \(expected UTF-8; save it as UTF-8\)\.$/);
  });
});
