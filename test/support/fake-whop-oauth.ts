import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

/**
 * A local fake of Whop's OAuth 2.1 + OIDC endpoints as Whop documents them (integrations.md §1.5,
 * https://docs.whop.com/developer/guides/oauth): `GET /oauth/authorize` (a consent page whose
 * "Approve" redirects back with `code` and `state`), `POST /oauth/token` (authorization_code grant,
 * client secret in the form, PKCE S256 checked, each code good once), `GET /oauth/userinfo`
 * (Bearer), `GET /.well-known/jwks.json` and the discovery document. ID tokens are ES256 with a
 * `kid`, `iss` = the fake's origin, `aud` = the client id, `sub` = a `user_…` id.
 *
 * One `handle(Request)`: worker tests route the Worker's outbound fetch to it, the browser test
 * serves it on a local port. `tamper` makes the next ID tokens wrong in one way each.
 */
export interface FakeWhopUser {
  id: string;
  email: string;
  emailVerified: boolean;
  name: string;
  username: string;
}

export interface FakeWhopOAuth {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The OAuth app's registered redirect URIs: Whop accepts only an exact match. */
  redirectUris: string[];
  /** Whoever is "signed in at Whop" when the authorize page is approved. */
  signedIn: FakeWhopUser;
  /** Every request the fake answered (method and path), to show what the Worker asked. */
  requests: { method: string; path: string }[];
  tamper: {
    nonce?: string;
    expiresInSeconds?: number;
    audience?: string;
    foreignKey?: boolean;
    /** Userinfo answers this address instead of the user's, without saying whether it is verified (the ID token keeps the user's). */
    userinfoEmail?: string;
  };
  handle(request: Request): Promise<Response>;
}

interface Grant {
  user: FakeWhopUser;
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string;
  used: boolean;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
const oauthError = (error: string, description: string, status = 400) => json({ error, error_description: description }, status);
const random = (bytes = 16) => [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");

/** A Whop-looking person with a fresh id and address. */
export function fakeWhopUser(overrides: Partial<FakeWhopUser> = {}): FakeWhopUser {
  const tag = random(5);
  return {
    id: `user_${tag}`,
    email: `whop-${tag}@example.com`,
    emailVerified: true,
    name: "Grace Hopper",
    username: `grace${tag}`,
    ...overrides,
  };
}

async function es256Key() {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk: JWK = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, jwk: { ...jwk, kid, alg: "ES256", use: "sig" }, kid };
}

async function s256(verifier: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  return btoa(String.fromCharCode(...digest))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

function consentPage(url: URL): Response {
  const hidden = [...url.searchParams].map(([k, v]) => `<input type="hidden" name="${k}" value="${v.replaceAll('"', "&quot;")}">`).join("");
  const html = `<!doctype html><title>Whop (local fake)</title><h1>Sign in to Ausar with Whop</h1>
<p>Local fake of Whop's authorize page.</p>
<form method="post" action="/oauth/authorize">${hidden}<button type="submit">Approve</button></form>`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

/** A fake Whop at `issuer`, with one registered OAuth app (`clientId`, `clientSecret`, `redirectUris`). */
export async function fakeWhopOAuth(options: {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}): Promise<FakeWhopOAuth> {
  const key = await es256Key();
  const foreign = await es256Key();
  const grants = new Map<string, Grant>();
  const accessTokens = new Map<string, FakeWhopUser>();

  const idToken = async (grant: Grant) => {
    const t = fake.tamper;
    const signer = t.foreignKey ? foreign : key;
    const now = Math.floor(Date.now() / 1000);
    const exp = now + (t.expiresInSeconds ?? 3600);
    return new SignJWT({
      nonce: t.nonce ?? grant.nonce,
      email: grant.user.email,
      email_verified: grant.user.emailVerified,
      name: grant.user.name,
    })
      .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" })
      .setIssuer(options.issuer)
      .setAudience(t.audience ?? grant.clientId)
      .setSubject(grant.user.id)
      .setIssuedAt(Math.min(now, exp - 60))
      .setExpirationTime(exp)
      .sign(signer.privateKey);
  };

  const authorize = (params: URLSearchParams): Response => {
    const redirectUri = params.get("redirect_uri") ?? "";
    if (params.get("client_id") !== options.clientId || !fake.redirectUris.includes(redirectUri)) {
      return new Response("Unknown client or redirect_uri", { status: 400 });
    }
    const back = new URL(redirectUri);
    const state = params.get("state");
    if (state) back.searchParams.set("state", state);
    const challenge = params.get("code_challenge");
    if (params.get("response_type") !== "code" || !challenge || params.get("code_challenge_method") !== "S256") {
      back.searchParams.set("error", "invalid_request");
      return Response.redirect(back.toString(), 302);
    }
    const code = random();
    grants.set(code, {
      user: fake.signedIn,
      clientId: options.clientId,
      redirectUri,
      challenge,
      nonce: params.get("nonce") ?? "",
      used: false,
    });
    back.searchParams.set("code", code);
    return Response.redirect(back.toString(), 302);
  };

  const token = async (form: URLSearchParams): Promise<Response> => {
    if (form.get("client_id") !== options.clientId || form.get("client_secret") !== options.clientSecret) {
      return oauthError("invalid_client", "Client authentication failed", 401);
    }
    if (form.get("grant_type") !== "authorization_code") return oauthError("unsupported_grant_type", "Only authorization_code");
    const grant = grants.get(form.get("code") ?? "");
    // A code works once (OAuth 2.1 §4.1.3): a second use is refused.
    if (!grant || grant.used) return oauthError("invalid_grant", "The authorization code is invalid or was already used");
    grant.used = true;
    if (grant.redirectUri !== form.get("redirect_uri")) return oauthError("invalid_grant", "redirect_uri mismatch");
    if ((await s256(form.get("code_verifier") ?? "")) !== grant.challenge) return oauthError("invalid_grant", "PKCE verification failed");
    const access = `whop_at_${random()}`;
    accessTokens.set(access, grant.user);
    return json({
      access_token: access,
      refresh_token: `whop_rt_${random()}`,
      token_type: "Bearer",
      expires_in: 3600,
      id_token: await idToken(grant),
    });
  };

  const userinfo = (request: Request): Response => {
    const user = accessTokens.get((request.headers.get("Authorization") ?? "").replace(/^Bearer /, ""));
    if (!user) return oauthError("invalid_token", "Unknown access token", 401);
    return json({
      sub: user.id,
      name: user.name,
      preferred_username: user.username,
      picture: null,
      ...(fake.tamper.userinfoEmail ? { email: fake.tamper.userinfoEmail } : { email: user.email, email_verified: user.emailVerified }),
    });
  };

  const fake: FakeWhopOAuth = {
    issuer: options.issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    redirectUris: [...options.redirectUris],
    signedIn: fakeWhopUser(),
    requests: [],
    tamper: {},
    async handle(request) {
      const url = new URL(request.url);
      fake.requests.push({ method: request.method, path: url.pathname });
      if (request.method === "GET" && url.pathname === "/oauth/authorize") return consentPage(url);
      if (request.method === "POST" && url.pathname === "/oauth/authorize") return authorize(new URLSearchParams(await request.text()));
      if (request.method === "POST" && url.pathname === "/oauth/token") return token(new URLSearchParams(await request.text()));
      if (request.method === "GET" && url.pathname === "/oauth/userinfo") return userinfo(request);
      if (request.method === "GET" && url.pathname === "/.well-known/jwks.json") return json({ keys: [key.jwk] });
      if (request.method === "GET" && url.pathname === "/.well-known/openid-configuration") {
        return json({
          issuer: options.issuer,
          authorization_endpoint: `${options.issuer}/oauth/authorize`,
          token_endpoint: `${options.issuer}/oauth/token`,
          userinfo_endpoint: `${options.issuer}/oauth/userinfo`,
          jwks_uri: `${options.issuer}/.well-known/jwks.json`,
          response_types_supported: ["code"],
          code_challenge_methods_supported: ["S256"],
          id_token_signing_alg_values_supported: ["ES256"],
          scopes_supported: ["openid", "profile", "email"],
        });
      }
      return json({ error: "not_found" }, 404);
    },
  };
  return fake;
}
