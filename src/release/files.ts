/**
 * The task definitions of a release of several services, checked before any AWS call: each
 * item's file (read, parsed and checked like 'task-definition'), with the 'container-images' that
 * name its containers. A family gets one revision per release, so two files of one family must
 * agree.
 */
import * as core from '@actions/core';
import { isDeepStrictEqual } from 'node:util';
import { ActionError, InputError } from '../errors.js';
import type { ImageOverride, Inputs } from '../inputs.js';
import { isObject, parseTaskDefinitionText, prepareTaskDefinition, readTaskDefinitionFile, type PreparedTaskDefinition } from '../task-definition/load.js';

/** The containers a parsed file or described revision names (bare, or wrapped as describe-task-definition prints it). */
export function containerNames(parsed: unknown): string[] {
  const definition = isObject(parsed) && isObject(parsed.taskDefinition) ? parsed.taskDefinition : parsed;
  const containers = isObject(definition) && Array.isArray(definition.containerDefinitions) ? definition.containerDefinitions : [];
  return containers.flatMap((container) => (isObject(container) && typeof container.name === 'string' ? [container.name] : []));
}

/** The 'container-images' lines that name a container of this definition: in a release, one image may serve some services only. */
export function imagesFor(names: string[], images: ImageOverride[]): ImageOverride[] {
  return images.filter((image) => names.includes(image.container));
}

/** Every 'container-images' line must name a container of some task definition of the release. */
export function checkImagesUsed(images: ImageOverride[], names: string[]): void {
  const unused = images.find((image) => !names.includes(image.container));
  if (unused) {
    const known = [...new Set(names)].map((name) => `'${name}'`).join(', ') || 'none';
    throw new InputError('container-images', unused.container, `a container of a task definition of the release (${known})`);
  }
}

/** A family gets one revision per release: services of one family must ask for the same definition. */
export function checkOneDefinitionPerFamily(definitions: Array<{ service: string; source: string; prepared: PreparedTaskDefinition }>): void {
  for (const [index, one] of definitions.entries()) {
    const other = definitions.slice(0, index).find((earlier) => earlier.prepared.request.family === one.prepared.request.family);
    if (other && !isDeepStrictEqual(other.prepared.request, one.prepared.request)) {
      throw new ActionError(
        `Invalid input 'services': services '${other.service}' and '${one.service}' give different task definitions of family '${one.prepared.request.family}' (${other.source}, ${one.source}). Expected the same definition for services that share a family: a release registers one revision per family.`,
      );
    }
  }
}

/** Reads and checks each item's file once (items may share a file); undefined for the single-service inputs. */
export async function loadReleaseFiles(inputs: Inputs): Promise<Map<string, PreparedTaskDefinition> | undefined> {
  if (!inputs.release.listed) return undefined;
  const files = new Map<string, PreparedTaskDefinition>();
  const definitions: Array<{ service: string; source: string; prepared: PreparedTaskDefinition }> = [];
  const names: string[] = [];
  const tags = inputs.taskDefinitionTags.map(({ key, value }) => ({ key, value }));
  for (const spec of inputs.release.services) {
    if (!spec.taskDefinitionPath) continue;
    if (!files.has(spec.taskDefinitionPath)) {
      const { text, shown } = await readTaskDefinitionFile(spec.taskDefinitionInput!, spec.taskDefinitionPath);
      const parsed = await parseTaskDefinitionText(text, shown);
      const own = containerNames(parsed);
      names.push(...own);
      const prepared = prepareTaskDefinition(parsed, shown, imagesFor(own, inputs.containerImages), tags);
      if (prepared.dropped.length > 0) core.notice(`${shown}: dropped fields that only describe-task-definition returns: ${prepared.dropped.join(', ')}.`);
      files.set(spec.taskDefinitionPath, prepared);
    }
    definitions.push({ service: spec.name, source: `'${spec.taskDefinitionInput}'`, prepared: files.get(spec.taskDefinitionPath)! });
  }
  checkOneDefinitionPerFamily(definitions);
  // Items without a file take their service's current revision: their containers are known only after DescribeServices.
  if (inputs.release.services.every((spec) => spec.taskDefinitionPath)) checkImagesUsed(inputs.containerImages, names);
  return files;
}
