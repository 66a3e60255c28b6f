/**
 * Stands in for `@actions/exec` in the bundle only, through the `paths` mapping in tsconfig.json
 * (as http-client.ts does for `@actions/http-client`). `@actions/core` imports it for
 * `platform.getDetails()`, which this action never calls; the action starts its one child process
 * (the session plugin, src/exec/plugin.ts) itself. Without the stand-in every run would load
 * `child_process` and `@actions/io` before its first request.
 */
const UNAVAILABLE = "@actions/exec is left out of this action's bundle (see src/shims/exec.ts), so core.platform.getDetails cannot be used here.";

export async function getExecOutput(): Promise<never> {
  throw new Error(UNAVAILABLE);
}

export async function exec(): Promise<never> {
  throw new Error(UNAVAILABLE);
}
