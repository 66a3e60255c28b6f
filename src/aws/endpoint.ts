/** Where the ECS client sends its requests when not to AWS: the local emulator sets AWS_ENDPOINT_URL to loopback. */

/** The endpoint the SDK's ECS client uses instead of AWS's, if any, with the SDK's precedence. */
export function configuredEndpoint(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
  return env.AWS_ENDPOINT_URL_ECS || env.AWS_ENDPOINT_URL || undefined;
}

/**
 * An endpoint on this machine (localhost, 127.0.0.0/8, ::1) is not AWS. Anything else, VPC
 * endpoints and proxies included, is treated as AWS.
 */
export function isLoopbackEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  try {
    const host = new URL(endpoint).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}
