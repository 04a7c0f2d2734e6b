import { describe, expect, it } from "vitest";
import { z } from "zod";
import { optionsSchema, unsupportedFields } from "../../shared/model-options";
import { describeCost, findModel, MODEL_CATALOG, priceOf, sizeFor } from "../../shared/models";
import { FAL_MODELS } from "../../workers/generation/providers/fal-options";
import { OPENAI_IMAGE_MODELS } from "../../workers/generation/providers/openai-images-options";
import { REPLICATE_MODELS } from "../../workers/generation/providers/replicate-options";
import { WORKERS_AI_MODELS } from "../../workers/generation/providers/workers-ai";

const demoImage = findModel("demo-image")!;
const demoVideo = findModel("demo-video")!;

describe("model catalog", () => {
  it("has unique ids and the two demo models", () => {
    const ids = MODEL_CATALOG.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(demoImage).toMatchObject({ kind: "image", provider: "demo", cost: { unit: "image", credits: 1 } });
    expect(demoVideo).toMatchObject({ kind: "video", provider: "demo", cost: { unit: "second", credits: 5 } });
  });

  it("offers every real model in a shape its adapter accepts", () => {
    const adapters: Record<string, Record<string, { aspectRatios: readonly string[]; maxCount: number; durations?: readonly number[] }>> = {
      fal: FAL_MODELS,
      replicate: REPLICATE_MODELS,
      "openai-images": OPENAI_IMAGE_MODELS,
      "workers-ai": WORKERS_AI_MODELS,
    };
    for (const model of MODEL_CATALOG.filter((m) => adapters[m.provider])) {
      const known = adapters[model.provider]![model.providerModel];
      expect(known, model.id).toBeDefined();
      for (const ratio of model.aspectRatios) expect(known!.aspectRatios, `${model.id} ${ratio}`).toContain(ratio);
      expect(model.maxCount).toBeLessThanOrEqual(known!.maxCount);
      for (const d of model.durations?.options ?? []) expect(known!.durations, `${model.id} ${d}s`).toContain(d);
    }
  });

  it("prices per image and per second", () => {
    expect(priceOf(demoImage, { count: 4 })).toBe(4);
    expect(priceOf(demoImage, {})).toBe(1);
    expect(priceOf(demoVideo, { durationSeconds: 6 })).toBe(30);
    expect(priceOf(demoVideo, {})).toBe(20);
    expect(describeCost(demoImage.cost)).toBe("1 credit per image");
    expect(describeCost(demoVideo.cost)).toBe("5 credits per second");
  });

  it("sizes keep the long side and round the short one to 16 px", () => {
    expect(sizeFor(demoImage, "1:1")).toEqual({ width: 768, height: 768 });
    expect(sizeFor(demoImage, "16:9")).toEqual({ width: 768, height: 432 });
    expect(sizeFor(demoImage, "9:16")).toEqual({ width: 432, height: 768 });
    expect(sizeFor(demoImage, "3:2")).toEqual({ width: 768, height: 512 });
  });
});

describe("options schema", () => {
  it("fills defaults and trims the prompt", () => {
    expect(optionsSchema(demoImage).parse({ prompt: "  a cat " })).toEqual({
      prompt: "a cat",
      aspectRatio: "1:1",
      count: 1,
      inputMediaIds: [],
    });
    expect(optionsSchema(demoVideo).parse({ prompt: "sea" })).toMatchObject({ durationSeconds: 4, count: 1 });
  });

  it("refuses what the model does not take", () => {
    const fal = findModel("fal-flux-schnell")!;
    expect(optionsSchema(fal).safeParse({ prompt: "x", negativePrompt: "y" }).success).toBe(false);
    expect(unsupportedFields(fal)).toMatchObject({
      negativePrompt: expect.any(String),
      durationSeconds: expect.any(String),
      inputMediaIds: expect.any(String),
    });
    expect(unsupportedFields(demoImage)).toEqual({ durationSeconds: "Only video models take a duration." });
    const remix = findModel("fal-flux-dev-image-to-image")!;
    expect(optionsSchema(remix).safeParse({ prompt: "x" }).success).toBe(false);
    expect(
      optionsSchema(demoImage).safeParse({
        prompt: "x",
        inputMediaIds: ["01a20eea-0000-7000-8000-000000000001", "01a20eea-0000-7000-8000-000000000001"],
      }).success,
    ).toBe(false);
  });

  it("turns into JSON Schema for every model", () => {
    for (const model of MODEL_CATALOG) {
      const schema = z.toJSONSchema(optionsSchema(model), { io: "input" }) as {
        properties: Record<string, unknown>;
        additionalProperties: boolean;
      };
      expect(schema.additionalProperties, model.id).toBe(false);
      expect(Object.keys(schema.properties)).toContain("prompt");
      expect("durationSeconds" in schema.properties, model.id).toBe(model.kind === "video");
    }
  });
});
