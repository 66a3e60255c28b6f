// The request rules are generated, never edited: each committed file must be exactly what
// emulator/model/generate.js makes of the installed SDK clients alone; every service the HTTP
// front serves must have rules.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { TARGETS } from '../../../emulator/core/server.js';
import { readDeclarations } from '../../../emulator/model/declarations.js';
import { renderRules } from '../../../emulator/model/generate.js';
import { SERVICES } from '../../../emulator/model/services.js';

const keys = /** @type {import('../../../emulator/model/services.js').ServiceKey[]} */ (Object.keys(SERVICES));
const committed = (/** @type {string} */ key) => readFileSync(new URL(`../../../emulator/model/rules/${key}.json`, import.meta.url), 'utf8');

describe('the generated request rules', () => {
  it.each(keys)('%s: the committed file is what the generator makes of the installed packages (run node emulator/model/generate.js)', async (key) => {
    expect(await renderRules(key) === committed(key)).toBe(true);
  });

  it('cover every service the HTTP front serves', () => {
    expect(Object.values(TARGETS).filter((service) => !(service in SERVICES))).toEqual([]);
  });

  it.each(keys)('%s: carry no lengths, ranges or patterns (the installed packages have none)', (key) => {
    /** @type {(d: any) => string[]} */
    const facts = (d) => [
      ...Object.keys(d).filter((k) => ['min', 'max', 'pattern'].includes(k)),
      ...['member', 'key', 'value'].flatMap((k) => (d[k] ? facts(d[k]) : [])),
    ];
    const { shapes } = JSON.parse(committed(key));
    const found = Object.values(shapes).flatMap((shape) => Object.values(/** @type {any} */ (shape).members).flatMap(facts));
    expect(found).toEqual([]);
  });

  it.each([
    ['ecs', 'UpdateServiceRequest', 'desiredCount', 'integer'],
    ['ecs', 'DeploymentLifecycleHookTimeoutConfiguration', 'timeoutInMinutes', 'integer'],
    ['ecs', 'CanaryConfiguration', 'canaryPercent', 'number'],
    ['logs', 'GetLogEventsRequest', 'startTime', 'long'],
    ['logs', 'GetLogEventsRequest', 'limit', 'integer'],
    ['kms', 'GenerateDataKeyRequest', 'NumberOfBytes', 'integer'],
  ])('%s: %s.%s is read as %s, as its command\'s input example writes it', (key, shape, member, type) => {
    expect(JSON.parse(committed(key)).shapes[shape].members[member].type).toBe(type);
  });
});

describe('a command\'s input example, as the declarations reader gives it', () => {
  const { example } = readDeclarations('@aws-sdk/client-ecs');

  it('keeps structures, lists and maps, and turns Number("<kind>") into its kind and every other value into null', () => {
    const input = /** @type {any} */ (example('UpdateService'));
    expect([input.service, input.desiredCount, input.forceNewDeployment]).toEqual([null, 'int', null]);
    expect(input.deploymentConfiguration.lifecycleHooks[0].timeoutConfiguration).toEqual({ timeoutInMinutes: 'int', action: null });
    expect(input.deploymentConfiguration.canaryConfiguration).toEqual({ canaryPercent: 'double', canaryBakeTimeInMinutes: 'int' });
  });

  it('reads only the generated example, not the hand-written ones after it', () => {
    const input = /** @type {any} */ (example('RunTask'));
    expect([input.cluster, input.taskDefinition, input.count]).toEqual([null, null, 'int']);
  });
});
