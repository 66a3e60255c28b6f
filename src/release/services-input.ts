/** The 'services' input parsed into the release's list, with the checks that need the list. */
import { InputError, quote } from '../errors.js';
import type { Inputs } from '../inputs.js';
import { parseServices } from './inputs.js';

/** getInputs' result with 'services' parsed (before any file is read or any AWS call is made). */
export async function withServices(inputs: Inputs): Promise<Inputs> {
  const { release } = inputs;
  if (!release.pending) return inputs;
  const services = await parseServices(release.pending);
  const runTaskService = release.runTaskService;
  if (runTaskService !== undefined && !services.some((service) => service.name === runTaskService)) {
    throw new InputError('run-task-service', runTaskService, `one of the services in 'services' (${services.map((service) => quote(service.name)).join(', ')})`);
  }
  const smoked = services.find((service) => service.smoke);
  if (smoked && !inputs.waitForServiceStability) {
    throw new InputError('wait-for-service-stability', 'false', `'true' when a service has a 'smoke-command' ('${smoked.name}' has one; the smoke check runs once its deployment has completed)`);
  }
  return { ...inputs, release: { listed: true, services, rollbackScope: release.rollbackScope, maxParallelUpdates: release.maxParallelUpdates, runTaskService } };
}
