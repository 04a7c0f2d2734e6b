import { describe, expect, it } from "vitest";
import { ReplicateProvider } from "../../../workers/generation/providers/replicate";
import { mapReplicateOptions } from "../../../workers/generation/providers/replicate-options";
import type { ProviderResult } from "../../../workers/generation/providers/types";
import { fakeImage } from "./fakes/images";
import { type FakeReplicate, fakeReplicate } from "./fakes/replicate";
import { providerRequest, readAll } from "./fakes/request";
import { json } from "./fakes/router";

const flux = (overrides: Parameters<typeof providerRequest>[0] = {}) =>
  providerRequest({ providerModel: "black-forest-labs/flux-schnell", ...overrides });

function setup(replicate: FakeReplicate, clock = { now: Date.now() }) {
  const provider = new ReplicateProvider({
    token: replicate.state.token,
    webhookSecret: replicate.state.webhookSecret,
    fetch: replicate.fetch,
    now: () => clock.now,
    outputHosts: replicate.outputHosts,
  });
  return { provider, clock };
}

async function created(provider: ReplicateProvider, request = flux()): Promise<string> {
  const result = await provider.submit(request);
  if (result.state !== "pending") throw new Error(JSON.stringify(result));
  return result.providerJobId;
}

function failureOf(result: ProviderResult | undefined) {
  if (result?.state !== "failed") throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result.error;
}

describe("Replicate adapter: predictions", () => {
  it("creates an official-model prediction with a completed-only webhook and polls it to its outputs", async () => {
    const replicate = fakeReplicate();
    const { provider } = setup(replicate);
    const request = flux({ aspectRatio: "16:9", count: 2, seed: 3 });
    const id = await created(provider, request);
    const create = replicate.state.calls[0];
    expect(create).toMatchObject({ method: "POST", url: "https://api.replicate.com/v1/models/black-forest-labs/flux-schnell/predictions" });
    expect(create?.headers.get("authorization")).toBe("Bearer r8_test_token");
    expect(create?.headers.get("prefer")).toBeNull();
    const prediction = replicate.state.predictions.get(id);
    expect(prediction?.input).toEqual({ prompt: request.prompt, aspect_ratio: "16:9", num_outputs: 2, output_format: "png", seed: 3 });
    expect(prediction?.webhook).toBe(request.callbackUrl);

    const modelVersion = "5599ed30703defd1d160a25a63321b4dec97101d98b4674bcc56e41f62f35637";
    expect(await provider.status(id)).toEqual({ state: "pending", providerJobId: id, modelVersion });
    expect(await provider.status(id)).toEqual({ state: "pending", providerJobId: id, modelVersion });
    const done = await provider.status(id);
    if (done.state !== "succeeded") throw new Error(JSON.stringify(done));
    expect(done.modelVersion).toBe(modelVersion);
    const expected = fakeImage("png", 1024, 576);
    expect(done.outputs).toHaveLength(2);
    expect(done.outputs[0]).toMatchObject({ contentType: "image/png", bytes: expected.byteLength });
    expect(await readAll(done.outputs[0]?.body ?? new ReadableStream())).toEqual(expected);
    await done.outputs[1]?.body.cancel();
  });

  it("sends no webhook fields when there is no callback URL, and handles a video model's single URL", async () => {
    const replicate = fakeReplicate();
    const { provider } = setup(replicate);
    const request = flux({
      providerModel: "kwaivgi/kling-v2.1-master",
      kind: "video",
      aspectRatio: "9:16",
      durationSeconds: 5,
      callbackUrl: undefined,
    });
    const id = await created(provider, request);
    expect(replicate.state.predictions.get(id)).toMatchObject({ webhook: null, input: { duration: 5, aspect_ratio: "9:16" } });
    replicate.finish(id);
    const done = await provider.status(id);
    if (done.state !== "succeeded") throw new Error(JSON.stringify(done));
    expect(done.outputs[0]).toMatchObject({ contentType: "video/mp4", bytes: 24 });
  });

  it("maps failed, refused, canceled, aborted and expired predictions", async () => {
    const replicate = fakeReplicate();
    const { provider } = setup(replicate);
    const outcomes: Array<[Parameters<FakeReplicate["finish"]>[1], { code: string; retryable: boolean }]> = [
      [{ error: "CUDA out of memory" }, { code: "generation_failed", retryable: false }],
      [{ error: "NSFW content detected. Try running it again, or try a different prompt." }, { code: "refused", retryable: false }],
      [{ status: "canceled" }, { code: "canceled", retryable: false }],
      [{ status: "aborted" }, { code: "provider_error", retryable: true }],
    ];
    for (const [outcome, expected] of outcomes) {
      const id = await created(provider);
      replicate.finish(id, outcome);
      expect(failureOf(await provider.status(id))).toMatchObject(expected);
    }
    const id = await created(provider);
    replicate.finish(id);
    const p = replicate.state.predictions.get(id);
    if (p) Object.assign(p, { data_removed: true, output: null });
    expect(failureOf(await provider.status(id))).toMatchObject({ code: "output_unavailable" });
  });

  it("cancels a running prediction and reports false for a finished one", async () => {
    const replicate = fakeReplicate();
    const { provider } = setup(replicate);
    const running = await created(provider);
    expect(await provider.cancel(running)).toBe(true);
    expect(replicate.state.calls.at(-1)).toMatchObject({
      method: "POST",
      url: `https://api.replicate.com/v1/predictions/${running}/cancel`,
    });
    expect(replicate.state.predictions.get(running)?.status).toBe("canceled");
    const finished = await created(provider);
    replicate.finish(finished);
    expect(await provider.cancel(finished)).toBe(false);
    expect(await provider.cancel("does-not-exist")).toBe(false);
  });

  it("refuses options the model cannot take before calling Replicate", async () => {
    const replicate = fakeReplicate();
    const { provider } = setup(replicate);
    expect(failureOf(await provider.submit(flux({ count: 5 })))).toMatchObject({ code: "invalid_input" });
    expect(failureOf(await provider.submit(flux({ aspectRatio: "7:5" })))).toMatchObject({ code: "invalid_input" });
    expect(failureOf(await provider.submit(flux({ providerModel: "someone/else" })))).toMatchObject({ code: "provider_unavailable" });
    expect(replicate.state.calls).toHaveLength(0);
  });
});

describe("Replicate adapter: error mapping", () => {
  it("treats throttling as transient, with Retry-After or the wait named in the message", async () => {
    const replicate = fakeReplicate();
    const { provider } = setup(replicate);
    replicate.failNext("create", () => replicate.throttled("7"));
    expect(failureOf(await provider.submit(flux()))).toMatchObject({ code: "rate_limited", retryable: true, retryAfterSeconds: 7 });
    replicate.failNext("create", () => replicate.throttled());
    expect(failureOf(await provider.submit(flux()))).toMatchObject({ code: "rate_limited", retryAfterSeconds: 30 });
  });

  const cases: Array<[string, () => Response, { code: string; retryable: boolean; message?: string }]> = [
    [
      "422 with invalid fields",
      () =>
        json(
          {
            title: "Input validation failed",
            detail: "- input.prompt: too long",
            status: 422,
            invalid_fields: [{ type: "max_length", field: "input.prompt", description: "too long" }],
          },
          422,
        ),
      { code: "invalid_input", retryable: false, message: "The provider rejected these settings: input.prompt: too long" },
    ],
    [
      "402 out of credit",
      () => json({ title: "Insufficient credit", status: 402 }, 402),
      { code: "provider_unavailable", retryable: false },
    ],
    ["500", () => json({ detail: "Internal server error" }, 500), { code: "provider_error", retryable: true }],
    ["503 HTML", () => new Response("<h1>Service Unavailable</h1>", { status: 503 }), { code: "provider_error", retryable: true }],
    ["200 garbage", () => new Response("{not json", { status: 201 }), { code: "bad_response", retryable: false }],
    ["a prediction of the wrong shape", () => json({ id: "x", status: "exploded" }, 201), { code: "bad_response", retryable: false }],
  ];
  for (const [name, response, expected] of cases) {
    it(`maps a create answered with ${name}`, async () => {
      const replicate = fakeReplicate();
      const { provider } = setup(replicate);
      replicate.failNext("create", response);
      expect(failureOf(await provider.submit(flux()))).toMatchObject(expected);
    });
  }

  it("maps a wrong token, garbled polls, odd outputs and missing files", async () => {
    const replicate = fakeReplicate();
    const { provider } = setup(replicate);
    const wrong = new ReplicateProvider({ token: "nope", fetch: replicate.fetch });
    expect(failureOf(await wrong.submit(flux()))).toMatchObject({ code: "provider_unavailable", retryable: false });

    const id = await created(provider);
    replicate.failNext("get", () => new Response("oops", { status: 200 }));
    expect(failureOf(await provider.status(id))).toMatchObject({ code: "bad_response", retryable: true });
    replicate.failNext("get", () => json({ id, status: "succeeded", output: { image: "x" } }));
    expect(failureOf(await provider.status(id))).toMatchObject({ code: "bad_response" });
    replicate.failNext("get", () => json({ id, status: "succeeded", output: ["https://replicate.delivery/xezq/missing.png"] }));
    expect(failureOf(await provider.status(id))).toEqual({
      code: "output_unavailable",
      retryable: false,
      message: "The provider's result could not be downloaded.",
    });
    expect(failureOf(await provider.status("unknown-id"))).toMatchObject({ code: "provider_unavailable" });
  });

  it("downloads only from the pinned delivery hosts, redirects included", async () => {
    const replicate = fakeReplicate();
    const { provider } = setup(replicate);
    const id = await created(provider);
    replicate.failNext("get", () => json({ id, status: "succeeded", output: ["https://attacker.test/out.png"] }));
    expect(failureOf(await provider.status(id))).toMatchObject({ code: "output_unavailable", retryable: false });
    expect(replicate.state.calls.some((c) => c.url.startsWith("https://attacker.test"))).toBe(false);

    // The default list (REPLICATE_OUTPUT_HOSTS) is the documented delivery host, which the fake imitates.
    const byDefault = new ReplicateProvider({ token: replicate.state.token, fetch: replicate.fetch });
    replicate.finish(id);
    const done = await byDefault.status(id);
    expect(done.state).toBe("succeeded");
    if (done.state === "succeeded") await Promise.all(done.outputs.map((o) => o.body.cancel()));

    const redirecting = new ReplicateProvider({
      token: replicate.state.token,
      outputHosts: replicate.outputHosts,
      fetch: async (request) =>
        new URL(request.url).hostname === "replicate.delivery"
          ? new Response(null, { status: 307, headers: { location: "https://storage.elsewhere.test/out.png" } })
          : replicate.fetch(request),
    });
    expect(failureOf(await redirecting.status(id))).toMatchObject({ code: "output_unavailable", retryable: false });
  });
});

describe("Replicate adapter: webhooks", () => {
  it("verifies the Standard Webhooks signature and maps the prediction", async () => {
    const replicate = fakeReplicate();
    const { provider } = setup(replicate);
    const id = await created(provider);
    replicate.finish(id);
    const { body, headers } = replicate.webhook(id);
    const parsed = await provider.parseWebhook(body, headers);
    expect(parsed?.providerJobId).toBe(id);
    expect(parsed?.result.state).toBe("succeeded");
    if (parsed?.result.state === "succeeded") await Promise.all(parsed.result.outputs.map((o) => o.body.cancel()));

    const failedId = await created(provider);
    replicate.finish(failedId, { error: "boom" });
    const failedHook = replicate.webhook(failedId);
    expect((await provider.parseWebhook(failedHook.body, failedHook.headers))?.result).toMatchObject({
      state: "failed",
      error: { code: "generation_failed" },
    });
  });

  it("refuses wrong secrets, tampering, stale timestamps, odd bodies, and everything when no secret is set", async () => {
    const replicate = fakeReplicate();
    const clock = { now: Date.now() };
    const { provider } = setup(replicate, clock);
    const id = await created(provider);
    replicate.finish(id);
    const nowSeconds = Math.floor(clock.now / 1000);
    const good = replicate.webhook(id, { timestamp: nowSeconds });
    expect(await provider.parseWebhook(good.body.replace(id, `${id}x`), good.headers)).toBeNull();
    const other = replicate.webhook(id, { secret: `whsec_${btoa("another secret of 32 bytes......")}` });
    expect(await provider.parseWebhook(other.body, other.headers)).toBeNull();
    const stale = replicate.webhook(id, { timestamp: nowSeconds - 301 });
    expect(await provider.parseWebhook(stale.body, stale.headers)).toBeNull();
    const noId = new Headers(good.headers);
    noId.delete("webhook-id");
    expect(await provider.parseWebhook(good.body, noId)).toBeNull();
    const odd = replicate.webhook(id, { body: { hello: "world" } });
    expect(await provider.parseWebhook(odd.body, odd.headers)).toBeNull();
    const unsigned = new ReplicateProvider({ token: "t", fetch: replicate.fetch });
    expect(await unsigned.parseWebhook(good.body, good.headers)).toBeNull();
    expect(await provider.parseWebhook(good.body, good.headers)).not.toBeNull();
  });
});

describe("mapReplicateOptions", () => {
  it("passes through Replicate's own aspect ratios and checks video durations", () => {
    const base = { providerModel: "black-forest-labs/flux-schnell", prompt: "p", aspectRatio: "21:9", count: 1, referenceImages: 0 };
    expect(mapReplicateOptions(base)).toMatchObject({ ok: true, input: { aspect_ratio: "21:9", num_outputs: 1 } });
    expect(mapReplicateOptions({ ...base, referenceImages: 1 })).toMatchObject({ ok: false });
    const kling = { ...base, providerModel: "kwaivgi/kling-v2.1-master", aspectRatio: "16:9" };
    expect(mapReplicateOptions({ ...kling, durationSeconds: 10, negativePrompt: "blur" })).toMatchObject({
      ok: true,
      input: { duration: 10, negative_prompt: "blur" },
    });
    expect(mapReplicateOptions({ ...kling, durationSeconds: 6 })).toMatchObject({ ok: false, failure: { code: "invalid_input" } });
  });
});
