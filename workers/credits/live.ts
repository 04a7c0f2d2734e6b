/**
 * The Worker tells the user's Account object which session opened a live connection, so that
 * sign-out can close exactly that session's sockets. Only the Worker can reach the object, and
 * it builds the forwarded request itself, so a browser cannot set this header.
 */
export const LIVE_SESSION_HEADER = "X-Ausar-Session";

/** The hibernation API's tag for a session's sockets. */
export const sessionTag = (sessionId: string) => `session:${sessionId}`;

/**
 * Hands a checked `GET /api/live` upgrade to the user's Account object. The object's response
 * comes back with immutable headers; it is rewrapped so the app's middleware can still add the
 * security headers and the request id.
 */
export async function forwardLive(
  env: Pick<Env, "ACCOUNT">,
  request: Request,
  auth: { userId: string; sessionId: string },
): Promise<Response> {
  const headers = new Headers({ Upgrade: "websocket", [LIVE_SESSION_HEADER]: auth.sessionId });
  const res = await env.ACCOUNT.getByName(auth.userId).fetch(new Request(request.url, { headers }));
  return new Response(res.body, { status: res.status, headers: new Headers(res.headers), webSocket: res.webSocket });
}

/** Closes the live connections of one session, or of every session when none is named (sign-out, revocation, sign-out everywhere). */
export function closeLiveSession(env: Pick<Env, "ACCOUNT">, userId: string, sessionId?: string): Promise<void> {
  return env.ACCOUNT.getByName(userId).disconnect(sessionId);
}

/** Closes the live connections of each named session (the sessions a password change ended, keeping the current one). */
export async function closeLiveSessions(env: Pick<Env, "ACCOUNT">, userId: string, sessionIds: readonly string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  const account = env.ACCOUNT.getByName(userId);
  await Promise.all(sessionIds.map((id) => account.disconnect(id)));
}
