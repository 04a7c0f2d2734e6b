import { describe, expect, it } from "vitest";
import { FalProvider } from "../../../workers/generation/providers/fal";
import { mapFalOptions } from "../../../workers/generation/providers/fal-options";
import { Ed25519Jwks } from "../../../workers/generation/providers/http/ed25519-jwks";
import type { ProviderResult } from "../../../workers/generation/providers/types";
import { type FakeFal, fakeFal } from "./fakes/fal";
import { fakeImage } from "./fakes/images";
import { providerRequest, readAll } from "./fakes/request";
import { json } from "./fakes/router";

function setup(fal: FakeFal, clock = { now: Date.now() }) {
  const now = () => clock.now;
  const jwks = new Ed25519Jwks(fal.jwksUrl, fal.fetch, now);
  return { provider: new FalProvider({ key: fal.state.key, fetch: fal.fetch, now, jwks, outputHosts: fal.outputHosts }), clock };
}

async function pollToEnd(provider: FalProvider, id: string, request = providerRequest()): Promise<ProviderResult[]> {
  const seen: ProviderResult[] = [];
  for (let i = 0; i < 10; i++) {
    const result = await provider.status(id, request);
    seen.push(result);
    if (result.state !== "pending") break;
  }
  return seen;
}

function failureOf(result: ProviderResult) {
  if (result.state !== "failed") throw new Error(`expected a failure, got ${result.state}`);
  return result.error;
}

describe("fal adapter: output hosts", () => {
  it("downloads from fal's documented CDN hosts by default (v3.fal.media, the fake's host)", async () => {
    const fal = await fakeFal();
    const provider = new FalProvider({ key: fal.state.key, fetch: fal.fetch, jwks: new Ed25519Jwks(fal.jwksUrl, fal.fetch, Date.now) });
    const submitted = await provider.submit(providerRequest());
    const id = submitted.state === "pending" ? submitted.providerJobId : "";
    fal.complete(id);
    const done = await provider.status(id, providerRequest());
    expect(done.state).toBe("succeeded");
    if (done.state === "succeeded") await Promise.all(done.outputs.map((o) => o.body.cancel()));
  });

  it("refuses an output, or a redirect, off the configured hosts as a permanent failure, without fetching it", async () => {
    const fal = await fakeFal();
    const { provider } = setup(fal);
    const submitted = await provider.submit(providerRequest());
    const id = submitted.state === "pending" ? submitted.providerJobId : "";
    fal.complete(id);
    fal.failNext("result", () => json({ images: [{ url: "https://attacker.test/x.png", content_type: "image/png" }] }));
    expect(failureOf(await provider.status(id, providerRequest()))).toMatchObject({ code: "output_unavailable", retryable: false });
    expect(fal.state.calls.some((c) => c.url.startsWith("https://attacker.test"))).toBe(false);

    fal.cdn.put("https://v3.fal.media/files/moved.png", new Uint8Array(), "image/png");
    const redirecting = new FalProvider({
      key: fal.state.key,
      jwks: new Ed25519Jwks(fal.jwksUrl, fal.fetch, Date.now),
      outputHosts: fal.outputHosts,
      fetch: async (request) =>
        request.url === "https://v3.fal.media/files/moved.png"
          ? new Response(null, { status: 302, headers: { location: "http://169.254.169.254/latest/meta-data" } })
          : fal.fetch(request),
    });
    fal.failNext("result", () => json({ images: [{ url: "https://v3.fal.media/files/moved.png", content_type: "image/png" }] }));
    expect(failureOf(await redirecting.status(id, providerRequest()))).toMatchObject({ code: "output_unavailable", retryable: false });
    expect(fal.state.calls.some((c) => c.url.includes("169.254"))).toBe(false);
  });
});

describe("fal adapter: submit and poll", () => {
  it("queues with the key, the webhook URL and the mapped input, then streams the outputs", async () => {
    const fal = await fakeFal();
    const { provider } = setup(fal);
    const request = providerRequest({ aspectRatio: "16:9", count: 2, seed: 7 });
    const submitted = await provider.submit(request);
    expect(submitted).toMatchObject({ state: "pending", queuePosition: 1 });
    const id = submitted.state === "pending" ? submitted.providerJobId : "";

    const sent = fal.state.requests.get(id);
    expect(sent?.input).toEqual({
      prompt: request.prompt,
      num_images: 2,
      num_inference_steps: 4,
      enable_safety_checker: true,
      seed: 7,
      image_size: "landscape_16_9",
      output_format: "png",
    });
    expect(sent?.webhookUrl).toBe(request.callbackUrl);
    expect(fal.state.calls[0]?.headers.get("authorization")).toBe("Key fal-test-key");
    expect(fal.state.calls[0]?.headers.get("x-fal-object-lifecycle-preference")).toContain("expiration_duration_seconds");

    const seen = await pollToEnd(provider, id, request);
    expect(seen.map((r) => r.state)).toEqual(["pending", "pending", "succeeded"]);
    expect(seen[0]).toMatchObject({ state: "pending", queuePosition: 0 });
    const done = seen.at(-1);
    if (done?.state !== "succeeded") throw new Error("not done");
    expect(done.outputs).toHaveLength(2);
    const expected = fakeImage("png", 1024, 576);
    for (const output of done.outputs) {
      expect(output).toMatchObject({ contentType: "image/png", bytes: expected.byteLength, width: 1024, height: 576 });
      expect(await readAll(output.body)).toEqual(expected);
    }
    // Status and result live under owner/app only (the sub-path gotcha).
    const queueCalls = fal.state.calls.filter((c) => c.url.includes("/requests/"));
    expect(queueCalls.every((c) => c.url.startsWith("https://queue.fal.run/fal-ai/flux/requests/"))).toBe(true);
  });

  it("drives a video model and streams its MP4", async () => {
    const fal = await fakeFal();
    const { provider } = setup(fal);
    const request = providerRequest({
      providerModel: "fal-ai/kling-video/v2.1/master/text-to-video",
      kind: "video",
      aspectRatio: "9:16",
      durationSeconds: 10,
      negativePrompt: "blur",
    });
    const submitted = await provider.submit(request);
    const id = submitted.state === "pending" ? submitted.providerJobId : "";
    expect(fal.state.requests.get(id)?.input).toEqual({
      prompt: request.prompt,
      duration: "10",
      aspect_ratio: "9:16",
      negative_prompt: "blur",
    });
    fal.complete(id);
    const result = await provider.status(id, request);
    if (result.state !== "succeeded") throw new Error(JSON.stringify(result));
    expect(result.outputs[0]).toMatchObject({ contentType: "video/mp4", bytes: 24 });
    expect(fal.state.calls.some((c) => c.url.startsWith("https://queue.fal.run/fal-ai/kling-video/requests/"))).toBe(true);
  });

  it("never sends the key to a result URL off fal's queue host", async () => {
    const fal = await fakeFal();
    const { provider } = setup(fal);
    const submitted = await provider.submit(providerRequest());
    const id = submitted.state === "pending" ? submitted.providerJobId : "";
    fal.complete(id);
    fal.failNext("status", () => json({ status: "COMPLETED", request_id: id, response_url: "https://evil.test/steal" }));
    const result = await provider.status(id, providerRequest());
    expect(result.state).toBe("succeeded");
    expect(fal.state.calls.some((c) => c.url.includes("evil.test"))).toBe(false);
  });

  it("cancels while queued and reports false once the model is running", async () => {
    const fal = await fakeFal();
    const { provider } = setup(fal);
    const first = await provider.submit(providerRequest());
    const firstId = first.state === "pending" ? first.providerJobId : "";
    expect(await provider.cancel(firstId, providerRequest())).toBe(true);
    expect(fal.state.requests.get(firstId)?.canceled).toBe(true);
    expect(fal.state.calls.at(-1)).toMatchObject({ method: "PUT", url: `https://queue.fal.run/fal-ai/flux/requests/${firstId}/cancel` });

    const second = await provider.submit(providerRequest());
    const secondId = second.state === "pending" ? second.providerJobId : "";
    fal.complete(secondId);
    expect(await provider.cancel(secondId, providerRequest())).toBe(false);
  });

  it("refuses options the model cannot take before calling fal", async () => {
    const fal = await fakeFal();
    const { provider } = setup(fal);
    expect(failureOf(await provider.submit(providerRequest({ count: 5 })))).toMatchObject({ code: "invalid_input", retryable: false });
    expect(failureOf(await provider.submit(providerRequest({ providerModel: "fal-ai/unknown" })))).toMatchObject({
      code: "provider_unavailable",
      retryable: false,
    });
    expect(fal.state.calls).toHaveLength(0);
  });
});

describe("fal adapter: error mapping", () => {
  const cases: Array<[string, () => Response, { code: string; retryable: boolean; retryAfterSeconds?: number }]> = [
    [
      "422 with a detail array",
      () => json({ detail: [{ loc: ["body", "prompt"], msg: "ensure this value has at most 2000 characters", type: "value_error" }] }, 422),
      { code: "invalid_input", retryable: false },
    ],
    [
      "422 content policy",
      () => json({ detail: [{ loc: ["body"], msg: "flagged", type: "content_policy_violation" }] }, 422),
      { code: "refused", retryable: false },
    ],
    [
      "422 that fal marks retryable",
      () => json({ detail: [{ msg: "busy", type: "x" }] }, 422, { "x-fal-retryable": "true" }),
      { code: "invalid_input", retryable: true },
    ],
    ["401", () => json({ detail: "Unauthorized" }, 401), { code: "provider_unavailable", retryable: false }],
    [
      "429 with retry-after",
      () => json({ detail: "Too many requests" }, 429, { "retry-after": "12" }),
      { code: "rate_limited", retryable: true, retryAfterSeconds: 12 },
    ],
    [
      "504 request timeout",
      () => json({ detail: "Request timed out", error_type: "request_timeout" }, 504, { "x-fal-error-type": "request_timeout" }),
      { code: "provider_error", retryable: true },
    ],
    [
      "500 fal says not to retry",
      () => json({ detail: "Model crashed" }, 500, { "x-fal-retryable": "false" }),
      { code: "provider_error", retryable: false },
    ],
    ["502 HTML from a proxy", () => new Response("<html>Bad gateway</html>", { status: 502 }), { code: "provider_error", retryable: true }],
    ["200 garbage", () => new Response("not json at all", { status: 200 }), { code: "bad_response", retryable: false }],
    ["200 of the wrong shape", () => json({ status: "IN_QUEUE" }), { code: "bad_response", retryable: false }],
  ];
  for (const [name, response, expected] of cases) {
    it(`maps a submit answered with ${name}`, async () => {
      const fal = await fakeFal();
      const { provider } = setup(fal);
      fal.failNext("submit", response);
      expect(failureOf(await provider.submit(providerRequest()))).toMatchObject(expected);
    });
  }

  it("shows the first validation message to the user", async () => {
    const fal = await fakeFal();
    const { provider } = setup(fal);
    fal.failNext("submit", () => json({ detail: [{ loc: ["body", "prompt"], msg: "too long", type: "value_error" }] }, 422));
    expect(failureOf(await provider.submit(providerRequest())).message).toBe("The provider rejected these settings: prompt: too long");
  });

  it("treats an unreachable host as transient and a wrong key as an operator problem", async () => {
    const fal = await fakeFal();
    const down = new FalProvider({ key: "k", fetch: async () => Promise.reject(new TypeError("connection refused")) });
    expect(failureOf(await down.submit(providerRequest()))).toMatchObject({ code: "provider_error", retryable: true });
    const wrongKey = new FalProvider({ key: "wrong", fetch: fal.fetch });
    expect(failureOf(await wrongKey.submit(providerRequest()))).toMatchObject({ code: "provider_unavailable", retryable: false });
  });

  it("retries a garbled poll, and maps errors on the result fetch", async () => {
    const fal = await fakeFal();
    const { provider } = setup(fal);
    const submitted = await provider.submit(providerRequest());
    const id = submitted.state === "pending" ? submitted.providerJobId : "";
    fal.failNext("status", () => new Response("garbage", { status: 200 }));
    expect(failureOf(await provider.status(id, providerRequest()))).toMatchObject({ code: "bad_response", retryable: true });
    fal.complete(id);
    fal.failNext("result", () => json({ detail: [{ loc: ["body", "num_images"], msg: "bad", type: "value_error" }] }, 422));
    expect(failureOf(await provider.status(id, providerRequest()))).toMatchObject({ code: "invalid_input", retryable: false });
    fal.failNext("result", () => json({ images: "not a list" }));
    expect(failureOf(await provider.status(id, providerRequest()))).toMatchObject({ code: "bad_response" });
    fal.failNext("result", () => json({ images: [] }));
    expect(failureOf(await provider.status(id, providerRequest()))).toMatchObject({ code: "bad_response" });
  });

  it("fails cleanly when an output 404s or is not an image", async () => {
    const fal = await fakeFal();
    const { provider } = setup(fal);
    const submitted = await provider.submit(providerRequest({ count: 2 }));
    const id = submitted.state === "pending" ? submitted.providerJobId : "";
    fal.complete(id);
    fal.failNext("result", () => json({ images: [{ url: "https://v3.fal.media/files/gone.png", content_type: "image/png" }] }));
    expect(failureOf(await provider.status(id, providerRequest()))).toEqual({
      code: "output_unavailable",
      retryable: false,
      message: "The provider's result could not be downloaded.",
    });
    fal.cdn.put("https://v3.fal.media/files/page.png", new TextEncoder().encode("<html>"), "text/html");
    fal.failNext("result", () => json({ images: [{ url: "https://v3.fal.media/files/page.png", content_type: "image/png" }] }));
    expect(failureOf(await provider.status(id, providerRequest()))).toMatchObject({ code: "output_unavailable", retryable: false });
    fal.cdn.put("https://v3.fal.media/files/x.svg", new TextEncoder().encode("<svg/>"), "image/svg+xml");
    fal.failNext("result", () => json({ images: [{ url: "https://v3.fal.media/files/x.svg" }] }));
    expect(failureOf(await provider.status(id, providerRequest()))).toMatchObject({ code: "output_unavailable" });
    fal.failNext("result", () => json({ images: [{ url: "http://v3.fal.media/files/plain.png" }] }));
    expect(failureOf(await provider.status(id, providerRequest()))).toMatchObject({ code: "output_unavailable" });
  });

  it("treats images all blacked out by fal's safety checker as a refusal", async () => {
    const fal = await fakeFal();
    const { provider } = setup(fal);
    fal.state.nsfw = true;
    const submitted = await provider.submit(providerRequest());
    const id = submitted.state === "pending" ? submitted.providerJobId : "";
    fal.complete(id);
    expect(failureOf(await provider.status(id, providerRequest()))).toMatchObject({
      code: "refused",
      message: "The provider refused this prompt.",
    });
  });
});

describe("fal adapter: webhooks", () => {
  async function submitted(provider: FalProvider) {
    const result = await provider.submit(providerRequest());
    return result.state === "pending" ? result.providerJobId : "";
  }

  it("verifies fal's Ed25519 signature against the JWKS and streams the outputs", async () => {
    const fal = await fakeFal();
    const { provider } = setup(fal);
    const id = await submitted(provider);
    const { body, headers } = await fal.webhook(id);
    const parsed = await provider.parseWebhook(body, headers);
    expect(parsed?.providerJobId).toBe(id);
    if (parsed?.result.state !== "succeeded") throw new Error(JSON.stringify(parsed));
    expect(await readAll(parsed.result.outputs[0]?.body ?? new ReadableStream())).toEqual(fakeImage("png", 1024, 1024));
  });

  it("maps ERROR deliveries and unreadable payloads", async () => {
    const fal = await fakeFal();
    const { provider } = setup(fal);
    const id = await submitted(provider);
    const error = await fal.webhook(id, {
      body: {
        request_id: id,
        status: "ERROR",
        error: "Invalid status code: 422",
        payload: { detail: [{ loc: ["body", "prompt"], msg: "bad", type: "value_error" }] },
      },
    });
    expect(
      failureOf((await provider.parseWebhook(error.body, error.headers))?.result ?? { state: "pending", providerJobId: "" }),
    ).toMatchObject({ code: "invalid_input", retryable: false });
    const crash = await fal.webhook(id, {
      body: { request_id: id, status: "ERROR", error: "Invalid status code: 500", payload: { detail: "boom" } },
    });
    expect((await provider.parseWebhook(crash.body, crash.headers))?.result).toMatchObject({
      state: "failed",
      error: { code: "provider_error", retryable: true },
    });
    const unreadable = await fal.webhook(id, { body: { request_id: id, status: "OK", payload: null, payload_error: "Output not JSON" } });
    expect((await provider.parseWebhook(unreadable.body, unreadable.headers))?.result).toMatchObject({
      state: "failed",
      error: { code: "bad_response" },
    });
  });

  it("refuses bad signatures, stale or future timestamps, tampered bodies and unknown keys", async () => {
    const fal = await fakeFal();
    const clock = { now: Date.now() };
    const { provider } = setup(fal, clock);
    const id = await submitted(provider);
    const good = await fal.webhook(id);
    const flipped = new Headers(good.headers);
    const sig = flipped.get("x-fal-webhook-signature") ?? "";
    flipped.set("x-fal-webhook-signature", (sig[0] === "0" ? "1" : "0") + sig.slice(1));
    expect(await provider.parseWebhook(good.body, flipped)).toBeNull();
    expect(await provider.parseWebhook(`${good.body} `, good.headers)).toBeNull();
    const nowSeconds = Math.floor(clock.now / 1000);
    const stale = await fal.webhook(id, { timestamp: nowSeconds - 301 });
    expect(await provider.parseWebhook(stale.body, stale.headers)).toBeNull();
    const future = await fal.webhook(id, { timestamp: nowSeconds + 301 });
    expect(await provider.parseWebhook(future.body, future.headers)).toBeNull();
    const other = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
    const stranger = await fal.webhook(id, { signer: other.privateKey });
    expect(await provider.parseWebhook(stranger.body, stranger.headers)).toBeNull();
    const missing = new Headers(good.headers);
    missing.delete("x-fal-webhook-user-id");
    expect(await provider.parseWebhook(good.body, missing)).toBeNull();
    const otherId = await fal.webhook(id, { body: { request_id: "someone-else", status: "OK", payload: {} } });
    expect(await provider.parseWebhook(otherId.body, otherId.headers)).toBeNull();
    expect(await provider.parseWebhook(good.body, good.headers)).not.toBeNull();
  });

  it("caches the JWKS for at most a day and refetches at most once a minute on a miss", async () => {
    const fal = await fakeFal();
    const clock = { now: Date.now() };
    const { provider } = setup(fal, clock);
    const id = await submitted(provider);
    const jwksCalls = () => fal.state.calls.filter((c) => c.url === fal.jwksUrl).length;
    const sign = () => fal.webhook(id, { timestamp: Math.floor(clock.now / 1000) });
    for (let i = 0; i < 3; i++) {
      const { body, headers } = await sign();
      expect(await provider.parseWebhook(body, headers)).not.toBeNull();
    }
    expect(jwksCalls()).toBe(1);
    const other = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
    for (let i = 0; i < 3; i++) {
      const forged = await fal.webhook(id, { signer: other.privateKey, timestamp: Math.floor(clock.now / 1000) });
      expect(await provider.parseWebhook(forged.body, forged.headers)).toBeNull();
    }
    expect(jwksCalls()).toBe(1);
    clock.now += 24 * 60 * 60 * 1000;
    const { body, headers } = await sign();
    expect(await provider.parseWebhook(body, headers)).not.toBeNull();
    expect(jwksCalls()).toBe(2);
  });

  it("accepts nothing while the JWKS cannot be fetched", async () => {
    const fal = await fakeFal();
    const { provider } = setup(fal);
    const id = await submitted(provider);
    fal.failNext("jwks", () => new Response("down", { status: 503 }));
    const { body, headers } = await fal.webhook(id);
    expect(await provider.parseWebhook(body, headers)).toBeNull();
  });
});

describe("mapFalOptions", () => {
  const base = {
    providerModel: "fal-ai/flux/schnell",
    prompt: "p",
    aspectRatio: "1:1",
    width: 1024,
    height: 1024,
    count: 1,
    imageUrls: [],
  };
  it("maps aspect ratios to fal's presets and odd ones to explicit sizes", () => {
    expect(mapFalOptions({ ...base, aspectRatio: "3:4" })).toMatchObject({ ok: true, input: { image_size: "portrait_4_3" } });
    expect(mapFalOptions({ ...base, aspectRatio: "3:2", width: 1024, height: 683 })).toMatchObject({
      ok: true,
      input: { image_size: { width: 1024, height: 688 } },
    });
  });
  it("passes a reference image by URL to image-to-image and checks video durations", () => {
    expect(mapFalOptions({ ...base, providerModel: "fal-ai/flux/dev/image-to-image", imageUrls: ["https://r2.test/a.png"] })).toMatchObject(
      {
        ok: true,
        input: { image_url: "https://r2.test/a.png", num_inference_steps: 40 },
      },
    );
    expect(mapFalOptions({ ...base, providerModel: "fal-ai/flux/dev/image-to-image" })).toMatchObject({ ok: false });
    const video = { ...base, providerModel: "fal-ai/kling-video/v2.1/master/text-to-video", aspectRatio: "16:9" };
    expect(mapFalOptions({ ...video, durationSeconds: 7 })).toMatchObject({ ok: false, failure: { code: "invalid_input" } });
    expect(mapFalOptions({ ...video })).toMatchObject({ ok: true, input: { duration: "5" } });
  });
});
