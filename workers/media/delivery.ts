import type { ErrorBody } from "../../shared/errors";
import { notFound } from "../lib/errors";
import { type ByteRange, parseRange } from "./range";

/** One stored object as delivery sees it; `open` streams it (or a range of it) from R2. */
export interface DeliverySource {
  /** A quoted strong validator: media bytes never change under an id, so it names the content. */
  etag: string;
  size: number;
  contentType: string;
  cacheControl: string;
  /** ASCII-safe, used in Content-Disposition. */
  fileName: string;
  download: boolean;
  open(range?: ByteRange): Promise<ReadableStream | null>;
}

/** `If-None-Match` uses weak comparison (RFC 9110 §13.1.2): `W/"x"` matches `"x"`. */
function noneMatch(header: string, etag: string): boolean {
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}

function baseHeaders(source: DeliverySource): Headers {
  return new Headers({
    "Content-Type": source.contentType,
    ETag: source.etag,
    "Accept-Ranges": "bytes",
    "Cache-Control": source.cacheControl,
    "Content-Disposition": `${source.download ? "attachment" : "inline"}; filename="${source.fileName}"`,
    "X-Content-Type-Options": "nosniff",
  });
}

function unsatisfiable(size: number): Response {
  const body: ErrorBody = { error: { code: "range_not_satisfiable", message: "That byte range is not available." } };
  return Response.json(body, {
    status: 416,
    headers: { "Content-Range": `bytes */${size}`, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}

/** 304 when `If-None-Match` matches: needs only the validator, so callers may answer it before touching R2. */
export function notModified(request: Request, source: Pick<DeliverySource, "etag" | "cacheControl">): Response | null {
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch === null || !noneMatch(ifNoneMatch, source.etag)) return null;
  return new Response(null, {
    status: 304,
    headers: { ETag: source.etag, "Cache-Control": source.cacheControl, "X-Content-Type-Options": "nosniff" },
  });
}

/** The range to serve, honouring `If-Range` (a strong match, else the whole object), or a 416. */
function chooseRange(request: Request, source: DeliverySource): ByteRange | Response | undefined {
  const range = request.headers.get("Range");
  if (range === null) return undefined;
  const ifRange = request.headers.get("If-Range");
  if (ifRange !== null && ifRange.trim() !== source.etag) return undefined;
  const parsed = parseRange(range, source.size);
  if (parsed.kind === "unsatisfiable") return unsatisfiable(source.size);
  return parsed.kind === "single" ? parsed.range : undefined;
}

/**
 * Answers a GET or HEAD for a stored object: 304 on a matching `If-None-Match`, 206 for one
 * satisfiable `Range`, 416 for a malformed or out-of-bounds one, else 200 — streaming from R2
 * and never reading the object into memory.
 */
export async function deliver(request: Request, source: DeliverySource): Promise<Response> {
  const early = notModified(request, source);
  if (early) return early;
  const headers = baseHeaders(source);
  const range = chooseRange(request, source);
  if (range instanceof Response) return range;
  const length = range ? range.end - range.start + 1 : source.size;
  headers.set("Content-Length", String(length));
  if (range) headers.set("Content-Range", `bytes ${range.start}-${range.end}/${source.size}`);
  const status = range ? 206 : 200;
  if (request.method === "HEAD") return new Response(null, { status, headers });
  const body = await source.open(range);
  if (!body) throw notFound("That item is no longer available.");
  return new Response(body, { status, headers });
}
