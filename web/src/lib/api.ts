import { errorFromResponse, networkError } from "./api-error";
import { refreshSession } from "./refresh";

export { ApiError, errorMessage } from "./api-error";

/** Auth steps that run signed out or are themselves the refresh: a 401 from them is the answer. */
const NO_REFRESH = new Set([
  "/api/auth/signup",
  "/api/auth/login",
  "/api/auth/logout",
  "/api/auth/refresh",
  "/api/auth/verify-email",
  "/api/auth/forgot-password",
  "/api/auth/reset-password",
  "/api/auth/whop/signup",
  "/api/auth/whop/link",
  "/api/auth/whop/second-factor",
]);

let sessionLost: () => void = () => {};

/** Registers what happens when the session is over (refresh refused): the session store signs out. */
export function onSessionLost(handler: () => void): void {
  sessionLost = handler;
}

async function send(url: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Accept", "application/json");
  try {
    return await fetch(url, { ...init, headers, credentials: "same-origin" });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw networkError();
  }
}

function pathOf(url: string): string {
  return url.split("?")[0] ?? url;
}

/**
 * The `fetch` behind the typed client (`api/client.ts`): same-origin with the session cookies.
 * A 401 `unauthenticated` (an expired access token) triggers one shared refresh and one retry;
 * any answer that is not 2xx becomes a typed `ApiError`, so callers only ever see successes.
 */
export async function apiFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  // The typed client always passes a string path; bodies are strings or FormData, so a retry can resend them.
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const sentAt = Date.now();
  let response = await send(url, init);
  if (response.status === 401 && !NO_REFRESH.has(pathOf(url))) {
    const error = await errorFromResponse(response);
    if (error.code !== "unauthenticated") throw error;
    if ((await refreshSession(sentAt)) === "offline") throw networkError();
    // Retried even when the refresh was refused: a refresh that lost a race to another tab is
    // refused while the winner has already put fresh cookies in the browser.
    response = await send(url, init);
    if (response.status === 401) {
      const retryError = await errorFromResponse(response);
      if (retryError.code === "unauthenticated") sessionLost();
      throw retryError;
    }
  }
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}
