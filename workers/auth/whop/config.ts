import { isLoopback } from "../../lib/local-development";

/** Sign in with Whop's settings: the OAuth app's id and secret, and where Whop's OAuth endpoints live. */
export interface WhopOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** `https://api.whop.com`, or a local fake's origin in development and tests. */
  issuer: string;
  /** Plain http is allowed only for a local fake (development on loopback); Whop itself is https. */
  allowHttp: boolean;
}

/** The configuration, or null when the OAuth app is not set up (the button is then hidden and the routes answer 404). */
export function whopOAuthConfig(
  env: Partial<Pick<Env, "WHOP_OAUTH_CLIENT_ID" | "WHOP_OAUTH_CLIENT_SECRET" | "WHOP_OAUTH_ISSUER" | "ENVIRONMENT">>,
): WhopOAuthConfig | null {
  const clientId = env.WHOP_OAUTH_CLIENT_ID?.trim();
  const clientSecret = env.WHOP_OAUTH_CLIENT_SECRET?.trim();
  const issuer = (env.WHOP_OAUTH_ISSUER?.trim() || "https://api.whop.com").replace(/\/+$/, "");
  if (!clientId || !clientSecret) return null;
  const http = issuer.startsWith("http://");
  if (http && !(env.ENVIRONMENT === "development" && isLoopback(issuer))) return null;
  return { clientId, clientSecret, issuer, allowHttp: http };
}
