/** A text field or a streamed file part of a multipart/form-data body. */
export type Part =
  | { name: string; value: string }
  | { name: string; filename: string; contentType: string; open(): Promise<ReadableStream<Uint8Array>> };

const encoder = new TextEncoder();

/** A boundary that cannot occur by chance in the parts (random, 32 hex digits). */
export function newBoundary(): string {
  return `----ausar${crypto.randomUUID().replaceAll("-", "")}`;
}

/**
 * Streams a multipart/form-data body: each file is opened only when the reader reaches it and
 * piped through chunk by chunk, so reference images are never held in memory as a whole.
 */
export function multipartBody(boundary: string, parts: Part[]): ReadableStream<Uint8Array> {
  const chunks = generate(boundary, parts);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

async function* generate(boundary: string, parts: Part[]): AsyncGenerator<Uint8Array, void, undefined> {
  for (const part of parts) {
    if ("value" in part) {
      yield encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`);
      continue;
    }
    yield encoder.encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
        `Content-Type: ${part.contentType}\r\n\r\n`,
    );
    const reader = (await part.open()).getReader();
    let finished = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        yield value;
      }
      finished = true;
    } finally {
      // Stopped early (the upload was abandoned): let the source (an R2 body) go.
      if (!finished) await reader.cancel().catch(() => undefined);
    }
    yield encoder.encode("\r\n");
  }
  yield encoder.encode(`--${boundary}--\r\n`);
}
