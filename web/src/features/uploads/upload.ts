import type { InferResponseType } from "hono/client";
import type { MediaView } from "../../../../shared/media";
import { UPLOAD_CONTENT_TYPES, UPLOAD_MAX_BYTES, UPLOAD_REFUSALS } from "../../../../shared/media-limits";
import type { client } from "../../api/client";
import { ApiError, errorFromResponse, networkError } from "../../lib/api-error";
import { refreshSession } from "../../lib/refresh";
import { trackFeature } from "../../lib/usage";

const ACCEPTED = new Set<string>(UPLOAD_CONTENT_TYPES);

/** A reason to refuse a file before sending it, or null; the server decides by the bytes either way. */
export function precheck(file: File): string | null {
  if (file.size === 0) return UPLOAD_REFUSALS.empty;
  if (file.size > UPLOAD_MAX_BYTES) return UPLOAD_REFUSALS.tooLarge(UPLOAD_MAX_BYTES);
  // Browsers guess the type from the name; an empty guess is left to the server's check of the bytes.
  if (file.type && !ACCEPTED.has(file.type)) return UPLOAD_REFUSALS.type;
  return null;
}

interface Attempt {
  status: number;
  body: string;
  retryAfter: string | null;
}

/** One raw-body POST with XMLHttpRequest, the only browser API that reports upload progress. */
function send(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<Attempt> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/uploads");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText, retryAfter: xhr.getResponseHeader("Retry-After") });
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new DOMException("Upload canceled", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** The answer's type comes from the route itself (`AppType`), as for every other call. */
type UploadAnswer = InferResponseType<typeof client.api.uploads.$post, 201>;

function asResponse(attempt: Attempt): Response {
  const headers = new Headers({ "Content-Type": "application/json" });
  if (attempt.retryAfter) headers.set("Retry-After", attempt.retryAfter);
  return new Response(attempt.body || null, { status: attempt.status, headers });
}

/**
 * Uploads one image as the raw request body (so its Content-Length lets the server refuse an
 * oversized file before reading it). An expired session is refreshed once, as the API client does.
 */
export async function uploadFile(
  file: File,
  options: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<MediaView> {
  const onProgress = options.onProgress ?? (() => undefined);
  const sentAt = Date.now();
  let attempt = await send(file, onProgress, options.signal);
  if (attempt.status === 401) {
    const outcome = await refreshSession(sentAt);
    if (outcome === "offline") throw networkError();
    if (outcome === "refreshed") attempt = await send(file, onProgress, options.signal);
  }
  if (attempt.status !== 201) throw await errorFromResponse(asResponse(attempt));
  try {
    const answer: UploadAnswer = await asResponse(attempt).json();
    trackFeature("upload");
    return answer.media;
  } catch {
    throw new ApiError(attempt.status, "internal", "The upload finished but its answer could not be read.");
  }
}
