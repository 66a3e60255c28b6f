// @ts-check
// The traffic weights a staged (BLUE_GREEN, LINEAR, CANARY) service deployment reports on its
// revision summaries (ServiceRevisionSummary.requestedProductionTrafficWeight and
// requestedTestTrafficWeight; reference section 1, [blue-green-deployment-how-it-works]).

/**
 * Traffic weights a revision summary carries, as the staged deployment last set them.
 * @param {any} sd @param {string} arn
 */
export function trafficWeights(sd, arn) {
  if (!sd.staged) return {};
  const onGreen = arn === sd.targetRevisionArn;
  const production = onGreen ? sd.staged.productionOnGreen : 100 - sd.staged.productionOnGreen;
  const test = onGreen ? sd.staged.testOnGreen : 100 - sd.staged.testOnGreen;
  return { requestedProductionTrafficWeight: production, requestedTestTrafficWeight: test };
}
