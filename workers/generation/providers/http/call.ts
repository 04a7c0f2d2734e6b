import { readBoundedText } from "../../../lib/bounded-read";
import type { ProviderFailure } from "../types";
import { failure } from "./failures";

/** Outbound HTTP as adapters use it: one `Request` in, one `Response` out (the global `fetch` fits). */
export type Fetcher = (request: Request) => Promise<Response>;

/** The global `fetch`, called unbound-safely (workerd refuses `fetch` detached from its global). */
export const globalFetcher: Fetcher = (request) => fetch(request);

/** A provider reply read to the end: status, headers, the raw text and its JSON (undefined if not JSON). */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export type CallOutcome = { ok: true; reply: Reply } | { ok: false; failure: ProviderFailure };

/**
 * Sends a request and reads its (bounded) body. Network errors and timeouts become transient
 * failures; a body larger than `maxBytes` is a bad response. HTTP statuses are left to the caller.
 */
export async function call(fetcher: Fetcher, request: Request, limits: { timeoutMs: number; maxBytes: number }): Promise<CallOutcome> {
  let response: Response;
  try {
    // Calls carry our key: never followed to wherever a redirect points (a 3xx is answered as the status it is).
    response = await fetcher(new Request(request, { signal: AbortSignal.timeout(limits.timeoutMs), redirect: "manual" }));
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return { ok: false, failure: failure("provider_error", { detail: timedOut ? "it did not answer in time" : undefined }) };
  }
  let text: string | null;
  try {
    // Bounded so a misbehaving provider cannot exhaust memory.
    text = await readBoundedText(response, limits.maxBytes);
  } catch {
    return { ok: false, failure: failure("provider_error") };
  }
  if (text === null) return { ok: false, failure: failure("bad_response") };
  return { ok: true, reply: { status: response.status, headers: response.headers, text, json: parseJson(text) } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const MAX_RETRY_AFTER_SECONDS = 3600;

/**
 * How long the provider asks us to wait: `retry-after-ms`, or `retry-after` in seconds or as an
 * HTTP date, capped at an hour so a broken header cannot park a job for days.
 */
export function retryAfterSeconds(headers: Headers, nowMs: number): number | undefined {
  const ms = Number(headers.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return Math.min(Math.ceil(ms / 1000), MAX_RETRY_AFTER_SECONDS);
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : (Date.parse(value) - nowMs) / 1000;
  if (!Number.isFinite(seconds)) return undefined;
  return Math.min(Math.max(Math.ceil(seconds), 0), MAX_RETRY_AFTER_SECONDS);
}

/** Narrows an unknown JSON value to a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
