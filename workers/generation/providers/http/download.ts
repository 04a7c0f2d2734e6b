import type { ProviderFailure, ProviderOutput } from "../types";
import type { Fetcher } from "./call";
import { failure } from "./failures";
import { type HostPatterns, isAllowedOutputUrl } from "./output-hosts";

/** An output the provider says it made: where to fetch it and what it claims about it. */
export interface OutputLink {
  url: string;
  /** The kind of media expected; when unknown, any image or video type is accepted. */
  kind?: "image" | "video";
  contentType?: string;
  width?: number;
  height?: number;
  durationMs?: number;
}

export type DownloadOutcome = { ok: true; outputs: ProviderOutput[] } | { ok: false; failure: ProviderFailure };

// Only the wait for response headers is timed; the body streams for as long as the consumer reads.
const HEADERS_TIMEOUT_MS = 60_000;
// CDNs redirect once or twice (to a regional or signed URL); more than this is a loop or a detour.
export const MAX_OUTPUT_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A permanent failure: a URL outside the provider's hosts will not move inside them on a retry. */
const offHost = () => failure("output_unavailable", { retryable: false, detail: "it was not on the provider's own hosts" });

/**
 * Opens every output as a stream (nothing is buffered). The caller must read or cancel each body.
 * Every URL, and every redirect, must be on `hosts` (the provider's documented output hosts):
 * redirects are followed by hand, at most MAX_OUTPUT_REDIRECTS, and one off the list is refused
 * as a permanent failure. On any failure the bodies opened so far are cancelled.
 */
export async function openOutputs(fetcher: Fetcher, links: OutputLink[], hosts: HostPatterns): Promise<DownloadOutcome> {
  const outputs: ProviderOutput[] = [];
  for (const link of links) {
    const opened = await openOutput(fetcher, link, hosts);
    if (!opened.ok) {
      await Promise.all(outputs.map((output) => output.body.cancel().catch(() => undefined)));
      return opened;
    }
    outputs.push(opened.output);
  }
  return { ok: true, outputs };
}

/** GETs `url`, following redirects only onto allowed hosts; the headers wait (all hops together) is bounded. */
async function fetchPinned(fetcher: Fetcher, url: string, hosts: HostPatterns): Promise<Response | ProviderFailure> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), HEADERS_TIMEOUT_MS);
  try {
    let current = url;
    for (let redirects = 0; ; redirects++) {
      if (!isAllowedOutputUrl(current, hosts)) return offHost();
      const response = await fetcher(new Request(current, { signal: abort.signal, redirect: "manual" }));
      const location = response.headers.get("location");
      if (!REDIRECT_STATUSES.has(response.status)) return response;
      await response.body?.cancel();
      if (location === null || redirects >= MAX_OUTPUT_REDIRECTS)
        return failure("output_unavailable", { detail: "it redirected too often" });
      current = new URL(location, current).toString();
    }
  } catch {
    return failure("output_unavailable", { retryable: true });
  } finally {
    clearTimeout(timer);
  }
}

async function openOutput(
  fetcher: Fetcher,
  link: OutputLink,
  hosts: HostPatterns,
): Promise<{ ok: true; output: ProviderOutput } | { ok: false; failure: ProviderFailure }> {
  const response = await fetchPinned(fetcher, link.url, hosts);
  if (!(response instanceof Response)) return { ok: false, failure: response };
  // A CDN 5xx may pass; a 4xx (expired, deleted, never existed) will not.
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    return { ok: false, failure: failure("output_unavailable", { retryable: response.status >= 500 }) };
  }
  const contentType = mediaType(response.headers.get("content-type"), link);
  if (!contentType) {
    await response.body.cancel();
    return { ok: false, failure: failure("output_unavailable") };
  }
  const length = Number(response.headers.get("content-length") ?? Number.NaN);
  const output: ProviderOutput = { contentType, body: response.body };
  if (Number.isSafeInteger(length) && length > 0) output.bytes = length;
  if (link.width) output.width = link.width;
  if (link.height) output.height = link.height;
  if (link.durationMs) output.durationMs = link.durationMs;
  return { ok: true, output };
}

// Raster and video types only: an SVG "image" could carry script and is served from our origin later.
const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif", "image/avif"];
const VIDEO_TYPES = ["video/mp4", "video/webm", "video/quicktime"];

/**
 * The served type when it is the expected kind of media; a generic served type falls back to
 * what the provider declared. Anything else (an HTML error page, JSON) is refused.
 */
function mediaType(served: string | null, link: OutputLink): string | null {
  const clean = (value: string | null | undefined) => value?.split(";")[0]?.trim().toLowerCase() ?? "";
  const allowed = link.kind === "image" ? IMAGE_TYPES : link.kind === "video" ? VIDEO_TYPES : [...IMAGE_TYPES, ...VIDEO_TYPES];
  const isKind = (value: string) => allowed.includes(value);
  const servedType = clean(served);
  if (isKind(servedType)) return servedType;
  const declared = clean(link.contentType);
  if ((servedType === "" || servedType === "application/octet-stream") && isKind(declared)) return declared;
  return null;
}
