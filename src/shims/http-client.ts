/**
 * Stands in for `@actions/http-client` (and its `lib/auth`) in the bundle only, through the
 * `paths` mapping in tsconfig.json that ncc's resolver honours. `@actions/core` imports it for
 * `getIDToken` (OIDC), which this action never calls; the real module brings `undici`, over a
 * third of the bundle, that every run would otherwise compile at start-up. Tests and type checks
 * still see the real package: ts-jest ignores `paths`, and core's types do not name it.
 */
const UNAVAILABLE =
  "@actions/http-client is left out of this action's bundle (see src/shims/http-client.ts), so core.getIDToken cannot be used here.";

export class HttpClient {
  constructor() {
    throw new Error(UNAVAILABLE);
  }
}

export class BearerCredentialHandler {
  constructor() {
    throw new Error(UNAVAILABLE);
  }
}
