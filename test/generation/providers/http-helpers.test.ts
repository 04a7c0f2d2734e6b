import { describe, expect, it } from "vitest";
import { decodeBase64 } from "../../../workers/generation/providers/http/base64";
import { call, retryAfterSeconds } from "../../../workers/generation/providers/http/call";
import { MAX_OUTPUT_REDIRECTS, openOutputs } from "../../../workers/generation/providers/http/download";
import { sniffImage } from "../../../workers/generation/providers/http/image-info";
import { multipartBody, newBoundary } from "../../../workers/generation/providers/http/multipart";
import { isAllowedOutputUrl } from "../../../workers/generation/providers/http/output-hosts";
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

  it("never follows a redirect with the key: the 3xx is the answer", async () => {
    const seen: Request[] = [];
    const moved = async (request: Request) => {
      seen.push(request);
      return new Response(null, { status: 302, headers: { location: "https://elsewhere.test/" } });
    };
    const outcome = await call(moved, new Request("https://p.test/x", { headers: { authorization: "Key k" } }), {
      timeoutMs: 1000,
      maxBytes: 100,
    });
    expect(outcome).toMatchObject({ ok: true, reply: { status: 302 } });
    expect(seen.map((r) => [r.url, r.redirect])).toEqual([["https://p.test/x", "manual"]]);
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

const CDN_HOSTS = ["cdn.test"];

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
    const ok = await openOutputs(fetcher, [{ url: "https://cdn.test/ok", kind: "image", contentType: "image/webp" }], CDN_HOSTS);
    expect(ok).toMatchObject({ ok: true, outputs: [{ contentType: "image/webp" }] });
    const mixed = await openOutputs(
      fetcher,
      [
        { url: "https://cdn.test/ok", kind: "image", contentType: "image/png" },
        { url: "https://cdn.test/gone", kind: "image" },
      ],
      CDN_HOSTS,
    );
    expect(mixed).toMatchObject({ ok: false, failure: { code: "output_unavailable", retryable: false } });
    expect(canceled).toBe(1);
    const flaky = await openOutputs(async () => new Response("busy", { status: 503 }), [{ url: "https://cdn.test/x" }], CDN_HOSTS);
    expect(flaky).toMatchObject({ ok: false, failure: { code: "output_unavailable", retryable: true } });
  });
});

describe("output hosts are pinned", () => {
  const png = fakeImage("png", 4, 4);
  /** A CDN that answers by path: `/r/<n>/<url>` redirects to `<url>` with status n; anything else is the image. */
  function cdn(seen: Request[]) {
    return async (request: Request) => {
      seen.push(request);
      const hop = /^\/r\/(\d{3})\/(.+)$/.exec(new URL(request.url).pathname);
      if (hop) return new Response(null, { status: Number(hop[1]), headers: { location: decodeURIComponent(hop[2]!) } });
      return new Response(png, { headers: { "content-type": "image/png" } });
    };
  }

  it("matches exact hosts and wildcard subdomains, https on the default port only", () => {
    const hosts = ["fal.media", "*.fal.media"];
    expect(isAllowedOutputUrl("https://fal.media/files/a.png", hosts)).toBe(true);
    expect(isAllowedOutputUrl("https://v3.fal.media/files/a.png", hosts)).toBe(true);
    expect(isAllowedOutputUrl("https://V3B.FAL.MEDIA/a.png", hosts)).toBe(true);
    for (const url of [
      "http://v3.fal.media/a.png",
      "https://v3.fal.media:8443/a.png",
      "https://user:pw@v3.fal.media/a.png",
      "https://fal.media.evil.test/a.png",
      "https://evilfal.media/a.png",
      "https://169.254.169.254/latest",
      "not a url",
    ]) {
      expect(isAllowedOutputUrl(url, hosts), url).toBe(false);
    }
    expect(isAllowedOutputUrl("https://other.fal.media/a.png", ["v3.fal.media"])).toBe(false);
  });

  it("refuses an output URL off the list without fetching it, as a permanent failure", async () => {
    const seen: Request[] = [];
    const outcome = await openOutputs(cdn(seen), [{ url: "https://elsewhere.test/a.png" }], CDN_HOSTS);
    expect(outcome).toMatchObject({ ok: false, failure: { code: "output_unavailable", retryable: false } });
    expect(seen).toHaveLength(0);
  });

  it("fetches with redirect: manual and follows redirects that stay on the allowed hosts", async () => {
    const seen: Request[] = [];
    const target = encodeURIComponent("https://b.cdn.test/final.png");
    const outcome = await openOutputs(cdn(seen), [{ url: `https://cdn.test/r/302/${target}` }], ["cdn.test", "*.cdn.test"]);
    expect(outcome).toMatchObject({ ok: true, outputs: [{ contentType: "image/png" }] });
    if (outcome.ok) expect(await readAll(outcome.outputs[0]!.body)).toEqual(png);
    expect(seen.map((r) => r.url)).toEqual([`https://cdn.test/r/302/${target}`, "https://b.cdn.test/final.png"]);
    expect(seen.every((r) => r.redirect === "manual")).toBe(true);
  });

  it("refuses a redirect to another host (permanent) and never requests it", async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      const seen: Request[] = [];
      const away = encodeURIComponent("https://metadata.internal.test/secret");
      const outcome = await openOutputs(cdn(seen), [{ url: `https://cdn.test/r/${status}/${away}` }], CDN_HOSTS);
      expect(outcome, String(status)).toMatchObject({ ok: false, failure: { code: "output_unavailable", retryable: false } });
      expect(seen.map((r) => new URL(r.url).host)).toEqual(["cdn.test"]);
    }
    // A relative Location resolves against the current URL, so it stays on its host.
    const seen: Request[] = [];
    const relative = await openOutputs(cdn(seen), [{ url: `https://cdn.test/r/307/${encodeURIComponent("/final.png")}` }], CDN_HOSTS);
    expect(relative.ok).toBe(true);
    expect(seen.at(-1)?.url).toBe("https://cdn.test/final.png");
  });

  it("gives up after a bounded number of redirects", async () => {
    let hops = 0;
    const loop = async (request: Request) => {
      hops += 1;
      return new Response(null, { status: 302, headers: { location: new URL(`/again/${hops}`, request.url).toString() } });
    };
    const outcome = await openOutputs(loop, [{ url: "https://cdn.test/start" }], CDN_HOSTS);
    expect(outcome).toMatchObject({ ok: false, failure: { code: "output_unavailable", retryable: false } });
    expect(hops).toBe(MAX_OUTPUT_REDIRECTS + 1);
  });
});
