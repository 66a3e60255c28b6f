import { describe, expect, it } from '@jest/globals';
import * as fs from 'node:fs';
import { OUTPUT_ONLY_FIELDS, parseTaskDefinitionText, prepareTaskDefinition } from '../../src/task-definition/load.js';

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

describe('parsing', () => {
  it('reports a JSON syntax error with line and column', async () => {
    const text = '{\n  "family": "web",\n  "cpu": "256"\n  "memory": "512"\n}\n';
    await expect(parseTaskDefinitionText(text, 'td.json')).rejects.toThrow(/td\.json is not valid JSON at line 4, column 3/);
  });

  it('reads YAML and reports its syntax errors with line and column', async () => {
    const parsed = await parseTaskDefinitionText('family: web\ncontainerDefinitions:\n  - name: web\n    image: nginx\n', 'td.yaml');
    expect(parsed).toEqual({ family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx' }] });
    await expect(parseTaskDefinitionText('family: web\n  bad: [1, 2\n', 'td.yml')).rejects.toThrow(/^Invalid input 'task-definition': td\.yml is not valid YAML at line \d+, column \d+: Nested mappings are not allowed in compact mappings\.$/);
  });

  it('accepts a byte order mark and CRLF line endings', async () => {
    await expect(parseTaskDefinitionText('\uFEFF{\r\n"family": "web"\r\n}', 'td.json')).resolves.toEqual({ family: 'web' });
  });
});
