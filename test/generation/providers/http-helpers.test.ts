import { describe, expect, it } from "vitest";
import { decodeBase64 } from "../../../workers/generation/providers/http/base64";
import { call, retryAfterSeconds } from "../../../workers/generation/providers/http/call";
import { openOutputs } from "../../../workers/generation/providers/http/download";
import { sniffImage } from "../../../workers/generation/providers/http/image-info";
import { multipartBody, newBoundary } from "../../../workers/generation/providers/http/multipart";
import { fakeImage, toBase64 } from "./fakes/images";
import { readAll } from "./fakes/request";

describe("base64 decoding", () => {
  it("streams a large payload in chunks, byte for byte, with its exact length", async () => {
    const bytes = Uint8Array.from({ length: 200_001 }, (_, i) => (i * 7919) % 251);
    const decoded = decodeBase64(toBase64(bytes));
    expect(decoded?.bytes).toBe(200_001);
    const reader = decoded?.stream().getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const next = await reader?.read();
      if (!next || next.done) break;
      chunks.push(next.value);
    }
    expect(chunks.length).toBeGreaterThan(3);
    expect(Math.max(...chunks.map((c) => c.byteLength))).toBeLessThanOrEqual(48 * 1024);
    expect(await readAll(new Blob(chunks).stream())).toEqual(bytes);
  });

  it("counts padding and refuses what is not base64", () => {
    expect(decodeBase64(btoa("a"))?.bytes).toBe(1);
    expect(decodeBase64(btoa("ab"))?.bytes).toBe(2);
    expect(decodeBase64(btoa("abc"))?.bytes).toBe(3);
    for (const bad of ["", "abc", "ab!=", "a===", "YQ==YQ=="]) expect(decodeBase64(bad)).toBeNull();
  });
});

describe("image sniffing", () => {
  it("reads PNG and JPEG dimensions from their headers", () => {
    expect(sniffImage(fakeImage("png", 37, 23))).toEqual({ contentType: "image/png", width: 37, height: 23 });
    expect(sniffImage(fakeImage("jpeg", 41, 19))).toEqual({ contentType: "image/jpeg", width: 41, height: 19 });
    expect(sniffImage(fakeImage("png", 37, 23).slice(0, 10))).toEqual({ contentType: "image/png" });
    expect(sniffImage(new TextEncoder().encode("GIF89a"))).toBeNull();
  });
});

describe("provider HTTP calls", () => {
  it("turns a timeout into a transient failure", async () => {
    const hang = (request: Request) =>
      new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    const outcome = await call(hang, new Request("https://p.test/x"), { timeoutMs: 20, maxBytes: 100 });
    expect(outcome).toMatchObject({ ok: false, failure: { code: "provider_error", retryable: true } });
    if (!outcome.ok) expect(outcome.failure.message).toContain("did not answer in time");
  });

  it("refuses bodies larger than the limit without reading them whole", async () => {
    const huge = async () => new Response("x".repeat(5000));
    expect(await call(huge, new Request("https://p.test/x"), { timeoutMs: 1000, maxBytes: 1000 })).toMatchObject({
      ok: false,
      failure: { code: "bad_response" },
    });
  });

  it("reads Retry-After as seconds, milliseconds or a date, capped at an hour", () => {
    const now = Date.parse("2026-11-20T12:00:00Z");
    const h = (init: Record<string, string>) => new Headers(init);
    expect(retryAfterSeconds(h({ "retry-after": "7" }), now)).toBe(7);
    expect(retryAfterSeconds(h({ "retry-after-ms": "1200" }), now)).toBe(2);
    expect(retryAfterSeconds(h({ "retry-after": "Fri, 20 Nov 2026 12:00:30 GMT" }), now)).toBe(30);
    expect(retryAfterSeconds(h({ "retry-after": "999999" }), now)).toBe(3600);
    expect(retryAfterSeconds(h({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(retryAfterSeconds(h({}), now)).toBeUndefined();
  });
});

describe("streamed multipart bodies", () => {
  it("produces a body any multipart parser reads back exactly", async () => {
    const png = fakeImage("png", 20, 10);
    const boundary = newBoundary();
    const body = multipartBody(boundary, [
      { name: "prompt", value: "a cat" },
      { name: "image[]", filename: "a.png", contentType: "image/png", open: async () => new Blob([png]).stream() },
    ]);
    const form = await new Response(body, { headers: { "content-type": `multipart/form-data; boundary=${boundary}` } }).formData();
    expect(form.get("prompt")).toBe("a cat");
    const file = form.getAll("image[]")[0];
    if (typeof file === "string" || !file) throw new Error("no file");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png);
  });

  it("releases the source when the upload is abandoned", async () => {
    let canceled = false;
    const source = new ReadableStream<Uint8Array>({
      pull: (c) => c.enqueue(new Uint8Array(1024)),
      cancel: () => {
        canceled = true;
      },
    });
    const body = multipartBody(newBoundary(), [{ name: "f", filename: "f", contentType: "image/png", open: async () => source }]);
    const reader = body.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(canceled).toBe(true);
  });
});

describe("output downloads", () => {
  it("accepts a generic served type when the provider declared a media type, and cancels opened bodies on failure", async () => {
    let canceled = 0;
    const bodyFor = () =>
      new ReadableStream<Uint8Array>({
        start: (c) => c.enqueue(new Uint8Array([1, 2, 3])),
        cancel: () => {
          canceled += 1;
        },
      });
    const fetcher = async (request: Request) =>
      request.url.endsWith("/ok")
        ? new Response(bodyFor(), { headers: { "content-type": "application/octet-stream" } })
        : new Response("gone", { status: 410 });
    const ok = await openOutputs(fetcher, [{ url: "https://cdn.test/ok", kind: "image", contentType: "image/webp" }]);
    expect(ok).toMatchObject({ ok: true, outputs: [{ contentType: "image/webp" }] });
    const mixed = await openOutputs(fetcher, [
      { url: "https://cdn.test/ok", kind: "image", contentType: "image/png" },
      { url: "https://cdn.test/gone", kind: "image" },
    ]);
    expect(mixed).toMatchObject({ ok: false, failure: { code: "output_unavailable", retryable: false } });
    expect(canceled).toBe(1);
    const flaky = await openOutputs(async () => new Response("busy", { status: 503 }), [{ url: "https://cdn.test/x" }]);
    expect(flaky).toMatchObject({ ok: false, failure: { code: "output_unavailable", retryable: true } });
  });
});
