import { describe, expect, it } from "vitest";
import { OpenAiImagesProvider } from "../../../workers/generation/providers/openai-images";
import { mapOpenAiImageOptions } from "../../../workers/generation/providers/openai-images-options";
import type { ProviderResult } from "../../../workers/generation/providers/types";
import { fakeImage, toBase64 } from "./fakes/images";
import { type FakeOpenAi, fakeOpenAi } from "./fakes/openai";
import { providerInput, providerRequest, readAll } from "./fakes/request";
import { json } from "./fakes/router";

const gpt = (overrides: Parameters<typeof providerRequest>[0] = {}) =>
  providerRequest({ providerModel: "gpt-image-1", callbackUrl: undefined, ...overrides });

const setup = (openai: FakeOpenAi) => new OpenAiImagesProvider({ apiKey: openai.state.apiKey, fetch: openai.fetch });

function failureOf(result: ProviderResult) {
  if (result.state !== "failed") throw new Error(`expected a failure, got ${result.state}`);
  return result.error;
}

describe("OpenAI images adapter", () => {
  it("generates with JSON and streams each decoded PNG with its size", async () => {
    const openai = fakeOpenAi();
    const provider = setup(openai);
    const request = gpt({ aspectRatio: "16:9", count: 2 });
    const result = await provider.submit(request);
    if (result.state !== "succeeded") throw new Error(JSON.stringify(result));
    expect(openai.state.requests[0]).toMatchObject({
      endpoint: "generations",
      fields: { model: "gpt-image-1", prompt: request.prompt, n: 2, size: "1536x1024", quality: "medium", output_format: "png" },
    });
    const call = openai.state.calls[0];
    expect(call?.headers.get("authorization")).toBe("Bearer sk-test-key");
    expect(call?.headers.get("idempotency-key")).toBe(request.attemptKey);
    const expected = fakeImage("png", 1536, 1024);
    expect(result.outputs).toHaveLength(2);
    for (const output of result.outputs) {
      expect(output).toMatchObject({ contentType: "image/png", bytes: expected.byteLength, width: 1536, height: 1024 });
      expect(await readAll(output.body)).toEqual(expected);
    }
  });

  it("sends reference images to the edits endpoint as streamed image[] parts", async () => {
    const openai = fakeOpenAi();
    const provider = setup(openai);
    const png = fakeImage("png", 64, 48);
    const jpeg = fakeImage("jpeg", 32, 32);
    const inputs = [providerInput(png, "image/png"), providerInput(jpeg, "image/jpeg")];
    const result = await provider.submit(gpt({ inputs, aspectRatio: "3:4" }));
    expect(result.state).toBe("succeeded");
    const received = openai.state.requests[0];
    expect(received?.endpoint).toBe("edits");
    expect(received?.fields).toMatchObject({ model: "gpt-image-1", n: "1", size: "1024x1536", output_format: "png" });
    expect(received?.images.map((i) => [i.name, i.type])).toEqual([
      ["image[]", "image/png"],
      ["image[]", "image/jpeg"],
    ]);
    expect(received?.images[0]?.bytes).toEqual(png);
    expect(received?.images[1]?.bytes).toEqual(jpeg);
    expect(inputs.map((i) => i.opened)).toEqual([1, 1]);
    if (result.state === "succeeded") await Promise.all(result.outputs.map((o) => o.body.cancel()));
  });

  it("refuses what it cannot send before calling OpenAI", async () => {
    const openai = fakeOpenAi();
    const provider = setup(openai);
    const gif = providerInput(new Uint8Array([71, 73, 70]), "image/gif");
    expect(failureOf(await provider.submit(gpt({ inputs: [gif] })))).toMatchObject({ code: "invalid_input" });
    expect(failureOf(await provider.submit(gpt({ aspectRatio: "21:9" })))).toMatchObject({ code: "invalid_input" });
    expect(failureOf(await provider.submit(gpt({ providerModel: "dall-e-9" })))).toMatchObject({ code: "provider_unavailable" });
    expect(openai.state.calls).toHaveLength(0);
  });

  it("maps a safety refusal to a permanent, user-readable failure", async () => {
    const openai = fakeOpenAi();
    const provider = setup(openai);
    expect(failureOf(await provider.submit(gpt({ prompt: "something forbidden" })))).toEqual({
      code: "refused",
      retryable: false,
      message: "The provider refused this prompt.",
    });
  });

  it("retries rate limits but not an exhausted quota", async () => {
    const openai = fakeOpenAi();
    const provider = setup(openai);
    openai.failNext("generations", openai.rateLimited);
    expect(failureOf(await provider.submit(gpt()))).toMatchObject({ code: "rate_limited", retryable: true, retryAfterSeconds: 3 });
    openai.failNext("generations", openai.quotaExceeded);
    expect(failureOf(await provider.submit(gpt()))).toEqual({
      code: "provider_unavailable",
      retryable: false,
      message: "The provider is unavailable right now.",
    });
  });

  const cases: Array<[string, () => Response, { code: string; retryable: boolean }]> = [
    [
      "401",
      () => json({ error: { message: "Incorrect API key", type: "invalid_request_error", param: null, code: "invalid_api_key" } }, 401),
      { code: "provider_unavailable", retryable: false },
    ],
    [
      "403 unverified organisation",
      () => json({ error: { message: "Your organization must be verified", type: "invalid_request_error", param: null, code: null } }, 403),
      { code: "provider_unavailable", retryable: false },
    ],
    [
      "400 content_policy_violation",
      () => json({ error: { message: "x", type: "invalid_request_error", param: null, code: "content_policy_violation" } }, 400),
      { code: "refused", retryable: false },
    ],
    [
      "400 bad parameter",
      () => json({ error: { message: "Invalid value: 'x'.", type: "invalid_request_error", param: "size", code: "invalid_value" } }, 400),
      { code: "invalid_input", retryable: false },
    ],
    [
      "400 that OpenAI says to retry",
      () => json({ error: { message: "x", type: "server_error", param: null, code: null } }, 400, { "x-should-retry": "true" }),
      { code: "invalid_input", retryable: true },
    ],
    [
      "500",
      () => json({ error: { message: "The server had an error", type: "server_error", param: null, code: null } }, 500),
      { code: "provider_error", retryable: true },
    ],
    [
      "500 that OpenAI says not to retry",
      () => json({ error: { message: "x", type: "server_error", param: null, code: null } }, 500, { "x-should-retry": "false" }),
      { code: "provider_error", retryable: false },
    ],
    ["502 HTML", () => new Response("<html>502</html>", { status: 502 }), { code: "provider_error", retryable: true }],
    [
      "200 with an error inside",
      () => json({ error: { message: "blocked", type: "image_generation_user_error", param: null, code: "moderation_blocked" } }),
      { code: "refused", retryable: false },
    ],
    ["200 garbage", () => new Response("<<<not json>>>"), { code: "bad_response", retryable: false }],
    ["200 without data", () => json({ created: 1, data: [] }), { code: "bad_response", retryable: false }],
    [
      "200 with a URL instead of base64",
      () => json({ created: 1, data: [{ url: "https://example.test/x.png" }] }),
      { code: "bad_response", retryable: false },
    ],
    ["200 with broken base64", () => json({ created: 1, data: [{ b64_json: "not*base64" }] }), { code: "bad_response", retryable: false }],
    [
      "200 with base64 of no image",
      () => json({ created: 1, data: [{ b64_json: toBase64(new TextEncoder().encode("hello world!")) }] }),
      { code: "bad_response", retryable: false },
    ],
  ];
  for (const [name, response, expected] of cases) {
    it(`maps ${name}`, async () => {
      const openai = fakeOpenAi();
      openai.failNext("generations", response);
      expect(failureOf(await setup(openai).submit(gpt()))).toMatchObject(expected);
    });
  }

  it("treats a network failure as transient and a wrong key as an operator problem", async () => {
    const down = new OpenAiImagesProvider({ apiKey: "k", fetch: () => Promise.reject(new TypeError("reset")) });
    expect(failureOf(await down.submit(gpt()))).toMatchObject({ code: "provider_error", retryable: true });
    const openai = fakeOpenAi();
    const wrong = new OpenAiImagesProvider({ apiKey: "sk-wrong", fetch: openai.fetch });
    expect(failureOf(await wrong.submit(gpt()))).toMatchObject({ code: "provider_unavailable", retryable: false });
  });

  it("is honest about having no jobs and no webhooks", async () => {
    const provider = setup(fakeOpenAi());
    expect(failureOf(await provider.status())).toMatchObject({ code: "not_asynchronous", retryable: false });
    expect(await provider.cancel()).toBe(false);
    expect(await provider.parseWebhook()).toBeNull();
  });

  it("maps aspect ratios onto the three sizes GPT image models take", () => {
    const base = { providerModel: "gpt-image-1", prompt: "p", count: 1, referenceImages: 0 };
    expect(mapOpenAiImageOptions({ ...base, aspectRatio: "1:1" })).toMatchObject({ ok: true, input: { size: "1024x1024" } });
    expect(mapOpenAiImageOptions({ ...base, aspectRatio: "4:3" })).toMatchObject({ ok: true, input: { size: "1536x1024" } });
    expect(mapOpenAiImageOptions({ ...base, aspectRatio: "9:16" })).toMatchObject({ ok: true, input: { size: "1024x1536" } });
    expect(mapOpenAiImageOptions({ ...base, aspectRatio: "1:1", referenceImages: 17 })).toMatchObject({ ok: false });
  });
});
