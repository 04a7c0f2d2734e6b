import { describe, expect, it } from "vitest";
import type { ProviderResult } from "../../../workers/generation/providers/types";
import { bindingRun, mapWorkersAiOptions, WorkersAiProvider, workersAiFailure } from "../../../workers/generation/providers/workers-ai";
import { fakeImage, toBase64 } from "./fakes/images";
import { providerInput, providerRequest, readAll } from "./fakes/request";
import { fakeWorkersAi } from "./fakes/workers-ai";

const flux = (overrides: Parameters<typeof providerRequest>[0] = {}) =>
  providerRequest({ providerModel: "@cf/black-forest-labs/flux-1-schnell", callbackUrl: undefined, ...overrides });

function failureOf(result: ProviderResult) {
  if (result.state !== "failed") throw new Error(`expected a failure, got ${result.state}`);
  return result.error;
}

describe("Workers AI adapter", () => {
  it("calls the binding once per image with only the schema's keys and streams each JPEG", async () => {
    const ai = fakeWorkersAi();
    const provider = new WorkersAiProvider({ run: ai.run });
    const result = await provider.submit(flux({ count: 3, seed: 99 }));
    if (result.state !== "succeeded") throw new Error(JSON.stringify(result));
    expect(ai.state.calls).toEqual(
      Array.from({ length: 3 }, () => ({ model: "@cf/black-forest-labs/flux-1-schnell", inputs: { prompt: flux().prompt, steps: 4 } })),
    );
    const expected = fakeImage("jpeg", 1024, 1024);
    expect(result.outputs).toHaveLength(3);
    for (const output of result.outputs) {
      expect(output).toMatchObject({ contentType: "image/jpeg", bytes: expected.byteLength, width: 1024, height: 1024 });
      expect(await readAll(output.body)).toEqual(expected);
    }
  });

  it("refuses what the model cannot take without calling it", async () => {
    const ai = fakeWorkersAi();
    const provider = new WorkersAiProvider({ run: ai.run });
    expect(failureOf(await provider.submit(flux({ prompt: "x".repeat(2049) })))).toMatchObject({ code: "invalid_input" });
    expect(failureOf(await provider.submit(flux({ prompt: "" })))).toMatchObject({ code: "invalid_input" });
    expect(failureOf(await provider.submit(flux({ aspectRatio: "16:9" })))).toMatchObject({ code: "invalid_input" });
    const ref = providerInput(new Uint8Array([1]), "image/png");
    expect(failureOf(await provider.submit(flux({ inputs: [ref] })))).toMatchObject({ code: "invalid_input" });
    expect(failureOf(await provider.submit(flux({ providerModel: "@cf/other" })))).toMatchObject({ code: "provider_unavailable" });
    expect(ai.state.calls).toHaveLength(0);
    expect(
      mapWorkersAiOptions({
        providerModel: "@cf/black-forest-labs/flux-1-schnell",
        prompt: "x".repeat(2048),
        aspectRatio: "1:1",
        count: 1,
        referenceImages: 0,
      }).ok,
    ).toBe(true);
  });

  it("fails the whole job when one of its calls fails, keeping the error's kind", async () => {
    const ai = fakeWorkersAi();
    const provider = new WorkersAiProvider({ run: ai.run });
    ai.state.next.push(
      { returns: { image: toBase64(fakeImage("jpeg", 1024, 1024)) } },
      { throws: new Error("AiError: 3040: Capacity temporarily exceeded, please try again.") },
    );
    expect(failureOf(await provider.submit(flux({ count: 2 })))).toMatchObject({ code: "provider_error", retryable: true });
  });

  it("treats odd answers as unreadable", async () => {
    const ai = fakeWorkersAi();
    const provider = new WorkersAiProvider({ run: ai.run });
    for (const returns of [
      null,
      "text",
      { image: 42 },
      { image: "@@@" },
      { image: toBase64(new TextEncoder().encode("not a jpeg")) },
      new ReadableStream(),
    ]) {
      ai.state.next.push({ returns });
      expect(failureOf(await provider.submit(flux()))).toMatchObject({ code: "bad_response", retryable: false });
    }
  });

  it("classifies thrown errors: bad input, refusal and exhausted allocation are permanent, the rest transient", () => {
    const cases: Array<[unknown, string, boolean]> = [
      [new Error("AiError: 5006: Error: must NOT have additional properties 'seed'"), "invalid_input", false],
      [new Error("AiError: 3010: Invalid or incomplete input for the model"), "invalid_input", false],
      [new Error("InferenceUpstreamError: NSFW content detected"), "refused", false],
      [new Error("AiError: 4006: you have used up your daily free allocation of 10,000 neurons"), "provider_unavailable", false],
      [new Error("AiError: 3040: Capacity temporarily exceeded"), "provider_error", true],
      [new Error("Network connection lost."), "provider_error", true],
      ["a thrown string", "provider_error", true],
    ];
    for (const [error, code, retryable] of cases) expect(workersAiFailure(error)).toMatchObject({ code, retryable });
  });

  it("is honest about having no jobs and no webhooks", async () => {
    const provider = new WorkersAiProvider({ run: fakeWorkersAi().run });
    expect(failureOf(await provider.status())).toMatchObject({ code: "not_asynchronous" });
    expect(await provider.cancel()).toBe(false);
    expect(await provider.parseWebhook()).toBeNull();
  });

  it("forwards to the binding's run when built from env.AI", async () => {
    const ai = fakeWorkersAi();
    const binding = { run: (model: string, inputs: Record<string, unknown>) => ai.run(model, inputs) } as unknown as Ai;
    const result = await new WorkersAiProvider({ run: bindingRun(binding) }).submit(flux());
    expect(result.state).toBe("succeeded");
    expect(ai.state.calls).toHaveLength(1);
    if (result.state === "succeeded") await result.outputs[0]?.body.cancel();
  });
});
