import { createRemoteJWKSet, errors as joseErrors, customFetch as joseFetch, jwtVerify } from "jose";
import * as oauth from "oauth4webapi";
import type { WhopOAuthConfig } from "./config";
import { WhopSignInError } from "./errors";

/** Whop signs ID tokens with ES256 (integrations.md §1.5); anything else is refused. */
const ID_TOKEN_ALG = "ES256";
const SCOPE = "openid profile email";

/** What a sign-in round trip needs to remember between the redirect to Whop and the way back. */
export interface AuthorizationFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The person Whop vouches for: `subject` is their `user_…` id. */
export interface WhopIdentity {
  subject: string;
  email: string | null;
  /** True only when Whop says so (`email_verified: true`); anything else counts as unverified. */
  emailVerified: boolean;
  name: string | null;
}

export interface OidcDeps {
  config: WhopOAuthConfig;
  fetch: typeof fetch;
}

/**
 * Whop's endpoints, written out rather than discovered: only third-party notes describe its discovery
 * document (integrations.md §1.5), and this saves a round trip on every sign-in.
 */
function authorizationServer(config: WhopOAuthConfig): oauth.AuthorizationServer {
  return {
    issuer: config.issuer,
    authorization_endpoint: `${config.issuer}/oauth/authorize`,
    token_endpoint: `${config.issuer}/oauth/token`,
    userinfo_endpoint: `${config.issuer}/oauth/userinfo`,
    jwks_uri: `${config.issuer}/.well-known/jwks.json`,
  };
}

function client(config: WhopOAuthConfig): oauth.Client {
  return { client_id: config.clientId, id_token_signed_response_alg: ID_TOKEN_ALG };
}

function requestOptions(deps: OidcDeps) {
  return { [oauth.customFetch]: deps.fetch, [oauth.allowInsecureRequests]: deps.config.allowHttp };
}

/** Whop's authorize address with a fresh state, nonce and PKCE (S256) challenge, and the secrets to keep. */
export async function beginAuthorization(config: WhopOAuthConfig, redirectUri: string): Promise<{ url: URL; flow: AuthorizationFlow }> {
  const flow = { state: oauth.generateRandomState(), nonce: oauth.generateRandomNonce(), codeVerifier: oauth.generateRandomCodeVerifier() };
  const url = new URL(authorizationServer(config).authorization_endpoint as string);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: config.clientId,
    redirect_uri: redirectUri,
    scope: SCOPE,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: "S256",
  }).toString();
  return { url, flow };
}

/** The ID token's signature against Whop's published keys (oauth4webapi checks the claims, not the signature). */
async function verifySignature(deps: OidcDeps, idToken: string): Promise<void> {
  const server = authorizationServer(deps.config);
  // A fresh key set per sign-in: sign-ins are rare, and a rotated key is picked up at once.
  const keys = createRemoteJWKSet(new URL(server.jwks_uri as string), { [joseFetch]: deps.fetch });
  try {
    await jwtVerify(idToken, keys, { algorithms: [ID_TOKEN_ALG], issuer: server.issuer, audience: deps.config.clientId });
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new WhopSignInError("expired_id_token");
    if (error instanceof joseErrors.JOSEError) throw new WhopSignInError("invalid_id_token", error.message);
    throw new WhopSignInError("unavailable", String(error));
  }
}

/** Maps what oauth4webapi refuses onto the reasons the error page explains. */
function refusal(error: unknown): WhopSignInError {
  if (error instanceof WhopSignInError) return error;
  if (error instanceof oauth.AuthorizationResponseError) {
    return new WhopSignInError(error.error === "access_denied" ? "access_denied" : "provider_error", error.error);
  }
  if (error instanceof oauth.ResponseBodyError) return new WhopSignInError("code_refused", error.error);
  if (error instanceof oauth.OperationProcessingError) {
    const claim = (error.cause as { claim?: string } | undefined)?.claim;
    if (error.code === oauth.JWT_CLAIM_COMPARISON && claim === "nonce") return new WhopSignInError("bad_nonce");
    if (error.code === oauth.JWT_TIMESTAMP_CHECK && claim === "exp") return new WhopSignInError("expired_id_token");
    if (error.code === oauth.JWT_TIMESTAMP_CHECK || error.code === oauth.JWT_CLAIM_COMPARISON) {
      return new WhopSignInError("invalid_id_token", error.message);
    }
    return new WhopSignInError("provider_error", error.message);
  }
  return new WhopSignInError("unavailable", String(error));
}

const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);

/**
 * The way back from Whop: the state must be this browser's, the code is exchanged with the client
 * secret and the PKCE verifier, the ID token must be Whop's (signature, issuer, audience, expiry,
 * nonce), and the profile comes from userinfo for that same subject.
 */
export async function finishAuthorization(
  deps: OidcDeps,
  callback: URLSearchParams,
  flow: AuthorizationFlow,
  redirectUri: string,
): Promise<WhopIdentity> {
  const server = authorizationServer(deps.config);
  const app = client(deps.config);
  try {
    let params: URLSearchParams;
    try {
      params = oauth.validateAuthResponse(server, app, callback, flow.state);
    } catch (error) {
      if (error instanceof oauth.AuthorizationResponseError) throw error;
      throw new WhopSignInError("state_mismatch");
    }
    const auth = oauth.ClientSecretPost(deps.config.clientSecret);
    const response = await oauth.authorizationCodeGrantRequest(
      server,
      app,
      auth,
      params,
      redirectUri,
      flow.codeVerifier,
      requestOptions(deps),
    );
    const tokens = await oauth.processAuthorizationCodeResponse(server, app, response, { expectedNonce: flow.nonce, requireIdToken: true });
    await verifySignature(deps, tokens.id_token as string);
    const claims = oauth.getValidatedIdTokenClaims(tokens);
    if (!claims) throw new WhopSignInError("invalid_id_token", "no ID token");
    const info = await oauth.processUserInfoResponse(
      server,
      app,
      claims.sub,
      await oauth.userInfoRequest(server, app, tokens.access_token, requestOptions(deps)),
    );
    // The address and whether it is verified come from the same answer: userinfo's, else the ID token's.
    const source = text(info.email) ? info : claims;
    const email = text(source.email);
    return {
      subject: claims.sub,
      email: email?.toLowerCase() ?? null,
      emailVerified: source.email_verified === true,
      name: text(info.name) ?? text(claims.name) ?? text(info.preferred_username),
    };
  } catch (error) {
    throw refusal(error);
  }
}
