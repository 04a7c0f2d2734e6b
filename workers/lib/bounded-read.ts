/**
 * The one way we read a body we did not produce (uploads, webhook deliveries, provider answers and
 * results) without trusting its size. Hono's `bodyLimit` stays on routes whose body Hono itself
 * parses (`jsonGuard`, form posts): it caps what `c.req.json()`/`c.req.text()` will read, which this
 * cannot. Everything that reads a raw stream goes through here.
 */

/** Past the cap: `cancel` stops reading at once; `drain` reads and drops the rest, so an HTTP sender sees our 413 rather than a reset. */
export type Overflow = "cancel" | "drain";

/**
 * Reads a stream into one array, refusing to hold more than `maxBytes`: past that it answers null
 * (after cancelling or draining the stream). A known length (`sizeHint`) sizes the buffer up front.
 */
export async function readBounded(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  sizeHint?: number | null,
  overflow: Overflow = "cancel",
): Promise<Uint8Array | null> {
  let buffer = new Uint8Array(Math.min(maxBytes, sizeHint ?? 1024 * 1024));
  let length = 0;
  const reader = body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (length + chunk.value.byteLength > maxBytes) {
      if (overflow === "cancel") await reader.cancel();
      else while (!(await reader.read()).done);
      return null;
    }
    if (length + chunk.value.byteLength > buffer.length) {
      const grown = new Uint8Array(Math.min(maxBytes, Math.max(buffer.length * 2, length + chunk.value.byteLength)));
      grown.set(buffer.subarray(0, length));
      buffer = grown;
    }
    buffer.set(chunk.value, length);
    length += chunk.value.byteLength;
  }
  return buffer.subarray(0, length);
}

/** The declared Content-Length, or null when there is none or it is not a plain decimal number. */
function declaredLength(headers: Headers): number | null {
  const header = headers.get("Content-Length");
  if (header === null || !/^\d{1,15}$/.test(header.trim())) return null;
  return Number(header);
}

/**
 * A request or response body as text, exactly as sent, or null when it is larger than `maxBytes`:
 * a declared length past the cap is refused before any byte is read. A missing body is "".
 */
export async function readBoundedText(
  message: Request | Response,
  maxBytes: number,
  overflow: Overflow = "cancel",
): Promise<string | null> {
  const declared = declaredLength(message.headers);
  if (declared !== null && declared > maxBytes) {
    // A response we will not read is cancelled so its connection is released; a request is left to the runtime.
    if (message instanceof Response) await message.body?.cancel();
    return null;
  }
  if (!message.body) return "";
  const bytes = await readBounded(message.body, maxBytes, declared, overflow);
  return bytes === null ? null : new TextDecoder().decode(bytes);
}
