/**
 * mode 'deploy': a release of one or several services. Every service is described first
 * (release/open.ts, the run's first requests); the phases after that (deploy-phases.ts) are a
 * chunk of their own, loaded only then, so the first request waits for no code it does not need.
 */
import type { RunContext } from '../context.js';
import { openRelease } from '../release/open.js';

export async function deployMode(context: RunContext): Promise<void> {
  const runStartedAt = context.clock.now();
  const release = await openRelease(context);
  await (await import('./deploy-phases.js')).deployOpenedRelease(context, release, runStartedAt);
}
