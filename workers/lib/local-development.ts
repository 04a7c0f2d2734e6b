const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** True for requests to this machine itself (local development and tests). */
export function isLoopback(requestUrl: string): boolean {
  return LOOPBACK_HOSTS.has(new URL(requestUrl).hostname);
}

/**
 * Development-only features (the email outbox, the simulated checkout) answer only when the
 * Worker runs with ENVIRONMENT=development *and* is reached on a loopback address. A development
 * configuration deployed by mistake therefore exposes neither anyone's reset links nor free credits.
 */
export function isLocalDevelopment(env: Pick<Env, "ENVIRONMENT">, requestUrl: string): boolean {
  return env.ENVIRONMENT === "development" && isLoopback(requestUrl);
}
