/**
 * Bad input ends the step with exit status 1 and one error line that names the input, quotes
 * the bad value and says what is expected; a bad file is refused before any AWS call.
 */
import { describe, expect, it } from '@jest/globals';
import { deployInputs, runCase } from './run-case.js';

const corpus = (file) => `__fixtures__/corpus/${file}`;

describe('bad input (dist/index.js against the emulator)', () => {
  it.each([
    ['a misspelt key', { 'task-definition': '__fixtures__/task-definitions/typo.json' }, "Invalid input 'task-definition': __fixtures__/task-definitions/typo.json: containerDefinitions[0].enviroment: unknown key 'enviroment': did you mean 'environment'?"],
    ['a JSON syntax error', { 'task-definition': '__fixtures__/task-definitions/syntax-error.json' }, "Invalid input 'task-definition': __fixtures__/task-definitions/syntax-error.json:6:3: not valid JSON: a comma is missing between two members of an object (expected ',' or '}')."],
    ['a missing file', { 'task-definition': 'deploy/nope.json' }, "Invalid input 'task-definition': 'deploy/nope.json' (resolved to '"],
    ['a port as a string', { 'task-definition': corpus('zelusio__synth3sis-demo__task-definition.template.json'), 'container-images': '' }, 'containerPort: expected a number, found the string "8000" (write 8000 without quotes)'],
    ['valueFrom under environment', { 'task-definition': corpus('BHubAI__core-saida-middleware__.aws-task-definition.json'), 'container-images': '' }, "containerDefinitions[0].environment[0].valueFrom: unknown key 'valueFrom'"],
    ['tags as a map', { 'task-definition': corpus('AmaliTech-Training-Academy__talentradar-config-server-rw__.aws-task-definition.json'), 'container-images': '' }, 'tags: expected a list, found an object'],
    ['no family', { 'task-definition': corpus('NASA-ACROSS__across-server__deploy-task-definition.json'), 'container-images': '' }, "family: 'family' is required"],
    ['an unknown container', { 'container-images': 'api=nginx:1' }, "Invalid input 'container-images': no container named 'api' in the task definition. Expected one of: 'web'."],
    ['a bad circuit-breaker value', { 'circuit-breaker': 'yes' }, "Invalid input 'circuit-breaker': 'yes'. Expected one of 'rollback', 'detect', 'keep'."],
    ['a negative desired count', { 'desired-count': '-2' }, "Invalid input 'desired-count': '-2'. Expected a whole number at least 0."],
    ['both a file and a revision', { 'task-definition-arn': 'web:1' }, "Invalid input 'task-definition-arn': 'web:1'. Expected to be empty when 'task-definition' is set"],
  ])('%s: exit 1, one error line, no AWS call', async (_case, inputs, message) => {
    const { run, state } = await runCase('deployed', deployInputs('v2', inputs));
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain(message);
    expect(run.errors[0]).not.toContain('\n');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(state.requests).toHaveLength(0);
    expect(run.outputs.result).toBe('failed');
  });

  it('an image missing from ECR fails in seconds, before registering', async () => {
    const { run, requests } = await runCase('deployed', deployInputs('v9'));
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/^Image not found in ECR, nothing was registered: 123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/web:v9 \(container 'web'\)/);
    expect(requests('DescribeImages')).toHaveLength(1);
    expect(requests('RegisterTaskDefinition')).toHaveLength(0);
  });

  it('a CodeDeploy service is refused before anything is registered', async () => {
    const { run, requests } = await runCase('codedeploy', deployInputs('v2'));
    expect(run.code).toBe(1);
    expect(run.errors[0]).toContain("The service 'web' in cluster 'demo' uses the CODE_DEPLOY deployment controller. This action deploys services on the ECS deployment controller");
    expect(requests('RegisterTaskDefinition')).toHaveLength(0);
  });

  it('a missing service names cluster and service', async () => {
    const { run, requests } = await runCase('deployed', deployInputs('v2', { service: 'wbe' }));
    expect(run.code).toBe(1);
    expect(run.errors[0]).toMatch(/^Could not find service 'wbe' in cluster 'demo' \(AWS: MISSING\)\. Check the 'service' and 'cluster' inputs/);
    expect(requests('RegisterTaskDefinition')).toHaveLength(0);
  });
});
