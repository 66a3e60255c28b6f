/**
 * After a completed deployment whose image digest check failed: the same way back as after a
 * failed smoke check, redeploying the revision the service ran before (rollback/redeploy.ts).
 */
import { type RunContext } from '../context.js';
import { rollBackAfterCheck } from '../rollback/redeploy.js';
import type { PauseGate } from '../rollback/pause-gate.js';
import { digestSentence } from './check.js';

export async function rollBackAfterDigests(context: RunContext, gate?: PauseGate): Promise<void> {
  const digests = context.report.digests!;
  await rollBackAfterCheck(
    context,
    {
      sentence: digestSentence(digests),
      reason: 'image digest check failed',
      rolledBack: 'digest-mismatch-rolled-back',
      notRolledBack: 'digest-mismatch',
      keep: (rollback) => (digests.rollback = rollback),
    },
    gate,
  );
}
