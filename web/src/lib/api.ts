import { errorFromResponse, networkError } from "./api-error";
import { refreshSession } from "./refresh";

export { ApiError, errorMessage } from "./api-error";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Auth steps that run signed out or are themselves the refresh: a 401 from them is the answer. */
const NO_REFRESH = new Set([
  "/api/auth/signup",
  "/api/auth/login",
  "/api/auth/logout",
  "/api/auth/refresh",
  "/api/auth/verify-email",
  "/api/auth/forgot-password",
  "/api/auth/reset-password",
]);

let sessionLost: () => void = () => {};

/** Registers what happens when the session is over (refresh refused): the session store signs out. */
export function onSessionLost(handler: () => void): void {
  sessionLost = handler;
}

async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const headers = new Headers(options.headers);
  headers.set("Accept", "application/json");
  let body: string | undefined;
  if (options.body !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(options.body);
  }
  try {
    return await fetch(path, { method, headers, body, credentials: "same-origin", signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw networkError();
  }
}

/** Bodies are JSON; 204 and bodiless 202 answers read as `undefined`. */
async function parse<T>(response: Response): Promise<T> {
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * One API call: same-origin JSON with the session cookies. A 401 `unauthenticated` (an expired
 * access token) triggers one shared refresh and one retry; failures become typed `ApiError`s.
 */
export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const sentAt = Date.now();
  let response = await send(method, path, options);
  if (response.status === 401 && !NO_REFRESH.has(path.split("?")[0] ?? path)) {
    const error = await errorFromResponse(response);
    if (error.code !== "unauthenticated") throw error;
    if ((await refreshSession(sentAt)) === "offline") throw networkError();
    // Retried even when the refresh was refused: a refresh that lost a race to another tab is
    // refused while the winner has already put fresh cookies in the browser.
    response = await send(method, path, options);
    if (response.status === 401) {
      const retryError = await errorFromResponse(response);
      if (retryError.code === "unauthenticated") sessionLost();
      throw retryError;
    }
  }
  if (!response.ok) throw await errorFromResponse(response);
  return parse<T>(response);
}

/** Shorthands for the common verbs. */
export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>("GET", path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>("POST", path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>("PUT", path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>("PATCH", path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>("DELETE", path, options),
};
