import { describe, expect, it } from "vitest";
import type { JobView, ModelView } from "../../shared/generation";
import { findModel, MODEL_CATALOG, priceOf } from "../../shared/models";
import { formatElapsed, progressRank, providerLine, upsertJob } from "../../web/src/features/generation/job-status";
import { blocker, costOf, EMPTY_FORM, fitToModel, fromJob, parseSeed, toRequest } from "../../web/src/pages/create/form-state";
import { toModelView } from "../../workers/generation/catalog";

const image = toModelView(findModel("demo-image")!);
const video = toModelView(findModel("demo-video")!);

function job(over: Partial<JobView>): JobView {
  return {
    id: "j1",
    model: "demo-image",
    kind: "image",
    status: "queued",
    cost: 2,
    prompt: "p",
    params: { aspectRatio: "16:9", count: 2, seed: 9, inputMediaIds: [] },
    media: [],
    createdAt: 1000,
    provider: "demo",
    providerModel: "demo/image-v1",
    attempts: 0,
    ...over,
  };
}

describe("Create form", () => {
  it("previews exactly the price the server charges, for every model and option", () => {
    for (const def of MODEL_CATALOG) {
      const model: ModelView = toModelView(def);
      const state = fitToModel(
        { ...EMPTY_FORM, prompt: "x", count: def.maxCount, durationSeconds: def.durations?.options.at(-1) ?? 0 },
        model,
      );
      const body = toRequest(state, model);
      expect(costOf(state, model), def.id).toBe(priceOf(def, { count: body.count, durationSeconds: body.durationSeconds }));
    }
  });

  it("keeps compatible choices when switching models and drops the rest", () => {
    const state = fitToModel({ ...EMPTY_FORM, prompt: "x", aspectRatio: "3:2", count: 4, inputMediaIds: ["a", "b"] }, image);
    expect(state).toMatchObject({ aspectRatio: "3:2", count: 4, inputMediaIds: ["a", "b"] });
    const asVideo = fitToModel(state, video);
    expect(asVideo).toMatchObject({ modelId: "demo-video", aspectRatio: "1:1", count: 1, durationSeconds: 4, inputMediaIds: ["a"] });
  });

  it("sends only what the model takes, and a seed only when one is pinned", () => {
    const state = fitToModel({ ...EMPTY_FORM, prompt: "x", negativePrompt: "  ", seed: "" }, image);
    expect(toRequest(state, image)).toEqual({ model: "demo-image", prompt: "x", aspectRatio: "1:1", count: 1, inputMediaIds: [] });
    // A seed kept from "reuse settings" stays unused while the seed is random.
    expect(toRequest({ ...state, seed: "42" }, image)).not.toHaveProperty("seed");
    const pinned = { ...state, seed: "42", seedMode: "pinned" as const, negativePrompt: "fog" };
    expect(toRequest(pinned, image)).toMatchObject({ seed: 42, negativePrompt: "fog" });
    expect(parseSeed({ seed: "-1", seedMode: "pinned" })).toEqual({ error: expect.any(String) });
    expect(parseSeed({ seed: "1.5", seedMode: "pinned" })).toEqual({ error: expect.any(String) });
    expect(parseSeed({ seed: "abc", seedMode: "random" })).toBeNull();
    expect(blocker({ ...state, prompt: " " }, image)).toBe("Write a prompt first.");
    expect(blocker({ ...state, seed: "abc", seedMode: "pinned" }, image)).toMatch(/whole number/);
    expect(blocker(state, image)).toBeNull();
  });

  it("reuses a past job's settings, with the seed shown but random until pinned", () => {
    const state = fromJob(
      job({ prompt: "again", params: { aspectRatio: "9:16", count: 3, seed: 5, negativePrompt: "rain", inputMediaIds: [] } }),
    );
    expect(state).toEqual({
      modelId: "demo-image",
      prompt: "again",
      negativePrompt: "rain",
      aspectRatio: "9:16",
      count: 3,
      seed: "5",
      seedMode: "random",
      durationSeconds: 0,
      inputMediaIds: [],
    });
  });
});

describe("job views in the browser", () => {
  it("never replaces a fresher view with an older one", () => {
    const queued = job({});
    const running = job({ status: "running", attempts: 1 });
    const retrying = job({ status: "queued", attempts: 1 });
    const second = job({ status: "running", attempts: 2 });
    const done = job({ status: "succeeded", attempts: 2 });
    expect([queued, running, retrying, second, done].map(progressRank)).toEqual(
      [...[queued, running, retrying, second, done].map(progressRank)].sort((a, b) => a - b),
    );
    let list = upsertJob([], running, { addIfMissing: true });
    list = upsertJob(list, queued, { addIfMissing: true });
    expect(list[0]!.status).toBe("running");
    list = upsertJob(list, done, { addIfMissing: true });
    list = upsertJob(list, second, { addIfMissing: true });
    expect(list[0]!.status).toBe("succeeded");
    const withThumbs = job({ status: "succeeded", attempts: 2, media: [] });
    expect(upsertJob(list, withThumbs, { addIfMissing: true })[0]).toBe(withThumbs);
    expect(upsertJob(list, job({ id: "other" }), { addIfMissing: false })).toBe(list);
  });

  it("says who made it and how long it took", () => {
    expect(providerLine({ provider: "fal", providerModel: "fal-ai/flux/schnell" })).toBe("fal · fal-ai/flux/schnell");
    expect(formatElapsed(820)).toBe("0.8 s");
    expect(formatElapsed(12_400)).toBe("12 s");
    expect(formatElapsed(185_000)).toBe("3 min 05 s");
  });
});
