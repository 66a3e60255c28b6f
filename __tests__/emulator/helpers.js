// Shared setup for the emulator tests: scenarios from emulator/scenarios, real SDK clients.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { startEmulator } from '../../emulator/index.js';

export const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
export const SCENARIOS = fileURLToPath(new URL('../../emulator/scenarios/', import.meta.url));

/** @param {string} name file in emulator/scenarios */
export function scenario(name) {
  return JSON.parse(readFileSync(`${SCENARIOS}${name}`, 'utf8'));
}

const credentials = { accessKeyId: 'AKIAEMULATOREXAMPLE', secretAccessKey: 'emulator-secret' };

/**
 * Starts an emulator on a free port with SDK clients pointed at it; no SDK retries, so each
 * injected fault surfaces as it was answered.
 * @param {object} scenarioObject
 */
export async function start(scenarioObject) {
  const emulator = await startEmulator({ scenario: scenarioObject, baseDir: SCENARIOS });
  const config = { endpoint: emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 };
  return { emulator, ecs: new ECSClient(config), ecr: new ECRClient(config) };
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until `check` returns a truthy value (real time; the emulator runs scaled).
 * @template T
 * @param {() => Promise<T>} check
 * @param {number} [timeoutMs]
 * @returns {Promise<NonNullable<T>>}
 */
export async function until(check, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return /** @type {NonNullable<T>} */ (value);
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await sleep(50);
  }
}

/** @param {unknown} promise */
export async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return /** @type {any} */ (error);
  }
  throw new Error('expected a rejection');
}

/** The task definition of web:1 in healthy.json, with another image, as a RegisterTaskDefinition request. @param {string} tag */
export function webTaskDefinition(tag) {
  const td = structuredClone(scenario('healthy.json').taskDefinitions[0]);
  td.containerDefinitions[0].image = `${REGISTRY}/web:${tag}`;
  return td;
}
