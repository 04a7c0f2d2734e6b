/**
 * Reads a stream into one array, refusing to hold more than `maxBytes`: past that it stops,
 * cancels the stream and answers null. A known length (`sizeHint`) sizes the buffer up front.
 */
export async function readBounded(body: ReadableStream<Uint8Array>, maxBytes: number, sizeHint?: number | null): Promise<Uint8Array | null> {
  let buffer = new Uint8Array(Math.min(maxBytes, sizeHint ?? 1024 * 1024));
  let length = 0;
  const reader = body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (length + chunk.value.byteLength > maxBytes) {
      await reader.cancel();
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
