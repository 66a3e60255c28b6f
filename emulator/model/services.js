// @ts-check
/**
 * The services whose requests the emulator validates, and where their model comes from.
 * Registering a service is one entry here, then `node emulator/model/generate.js` (see
 * emulator/README.md, "Request validation"). Everything comes from the installed npm packages;
 * nothing is copied from elsewhere.
 *
 * - `sdk`: the installed AWS SDK v3 client. Its static schemas (`@smithy/core/schema`) give each
 *   operation's input structure, member types, required and sensitive members; its `dist-types`
 *   declarations (read by declarations.js) give which members take an enum, whose values are its
 *   enum objects, and which numbers are integers, from each command's generated input example
 *   (`Number("int")`, `Number("long")`; anything else is a double). The packages carry no
 *   lengths, ranges or patterns: the few documented limits that matter are handler checks
 *   beside their handlers, each citing its API reference page (README, "Request validation").
 * - `constraintErrors`: the exception a broken constraint (a required member missing, an enum
 *   value unknown) answers, the first of these that the operation's API reference documents
 *   (its command's `@throws` list), else `commonError`: the AWS "Common Errors" page's
 *   `ValidationException` (a query-protocol service's code for it is `ValidationError`). Cited
 *   in emulator/README.md.
 */
export const SERVICES = /** @type {const} */ ({
  ecs: { sdk: '@aws-sdk/client-ecs', constraintErrors: ['InvalidParameterException', 'ClientException'] },
  ecr: { sdk: '@aws-sdk/client-ecr', constraintErrors: ['InvalidParameterException'] },
  logs: { sdk: '@aws-sdk/client-cloudwatch-logs', constraintErrors: ['InvalidParameterException'] },
  kms: { sdk: '@aws-sdk/client-kms', constraintErrors: [] },
  events: { sdk: '@aws-sdk/client-eventbridge', constraintErrors: [] },
  scheduler: { sdk: '@aws-sdk/client-scheduler', constraintErrors: [] },
  elasticloadbalancing: { sdk: '@aws-sdk/client-elastic-load-balancing-v2', constraintErrors: [], commonError: 'ValidationError' },
});

/** @typedef {keyof typeof SERVICES} ServiceKey */
