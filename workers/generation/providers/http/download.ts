import type { ProviderFailure, ProviderOutput } from "../types";
import type { Fetcher } from "./call";
import { failure } from "./failures";

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

/**
 * Opens every output as a stream (nothing is buffered). The caller must read or cancel each body.
 * On any failure the bodies opened so far are cancelled and one failure is returned.
 */
export async function openOutputs(fetcher: Fetcher, links: OutputLink[]): Promise<DownloadOutcome> {
  const outputs: ProviderOutput[] = [];
  for (const link of links) {
    const opened = await openOutput(fetcher, link);
    if (!opened.ok) {
      await Promise.all(outputs.map((output) => output.body.cancel().catch(() => undefined)));
      return opened;
    }
    outputs.push(opened.output);
  }
  return { ok: true, outputs };
}

async function openOutput(
  fetcher: Fetcher,
  link: OutputLink,
): Promise<{ ok: true; output: ProviderOutput } | { ok: false; failure: ProviderFailure }> {
  if (!isHttpsUrl(link.url)) return { ok: false, failure: failure("output_unavailable") };
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), HEADERS_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetcher(new Request(link.url, { signal: abort.signal }));
  } catch {
    return { ok: false, failure: failure("output_unavailable", { retryable: true }) };
  } finally {
    clearTimeout(timer);
  }
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

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}
