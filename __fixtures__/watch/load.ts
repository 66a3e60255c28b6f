/** Loads recorded-looking ECS answers; ISO timestamps become Dates, as the SDK returns them. */
import { readFileSync } from 'node:fs';

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures are handed to mocks typed by the SDK
export function loadFixture(name: string): any {
  const text = readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8');
  return JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' && ISO_TIME.test(value) ? new Date(value) : value));
}

const PREFIX = 'arn:aws:ecs:eu-west-1:123456789012';
export const TD7 = `${PREFIX}:task-definition/web:7`;
export const TD8 = `${PREFIX}:task-definition/web:8`;
export const SD_OLD = `${PREFIX}:service-deployment/demo/web/a1B2c3D4e5F6g7H8i9J0k`;
export const SD_OURS = `${PREFIX}:service-deployment/demo/web/Zq9Yw8Xv7Uu6Tt5Ss4Rr3`;
export const UPDATED_AT = new Date('2026-03-02T10:00:00.000Z');
