import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { availableModels } from "../../workers/generation/catalog";
import { demoDelayMs, providersFromEnv } from "../../workers/generation/providers/registry";

const ids = (e: Parameters<typeof providersFromEnv>[0]) => [...providersFromEnv(e).keys()].sort();

describe("provider registry", () => {
  it("turns on the demo in development only, and each real provider only with its key or binding", () => {
    const none = { ...env, FAL_KEY: "", REPLICATE_API_TOKEN: "", OPENAI_API_KEY: "" };
    expect(ids(none)).toEqual(["demo"]);
    expect(ids({ ...none, ENVIRONMENT: "production" })).toEqual([]);
    expect(ids({ ...none, FAL_KEY: "k", REPLICATE_API_TOKEN: "r", OPENAI_API_KEY: "o" })).toEqual([
      "demo",
      "fal",
      "openai-images",
      "replicate",
    ]);
    expect(ids({ ...none, AI: {} as Ai })).toEqual(["demo", "workers-ai"]);
  });

  it("polls Replicate unless its webhook secret is set", () => {
    const base = { ...env, REPLICATE_API_TOKEN: "r" };
    expect(providersFromEnv({ ...base, REPLICATE_WEBHOOK_SECRET: "" }).get("replicate")?.webhooks).toBe(false);
    expect(providersFromEnv({ ...base, REPLICATE_WEBHOOK_SECRET: "whsec_x" }).get("replicate")?.webhooks).toBe(true);
    expect(providersFromEnv({ ...env, FAL_KEY: "k" }).get("fal")?.webhooks).toBe(true);
  });

  it("offers only the models of enabled providers", () => {
    const models = availableModels(
      providersFromEnv({ ...env, ENVIRONMENT: "production", FAL_KEY: "k", REPLICATE_API_TOKEN: "", OPENAI_API_KEY: "" }),
    );
    expect(new Set(models.map((m) => m.provider))).toEqual(new Set(["fal"]));
    expect(models.map((m) => m.id)).toContain("fal-flux-schnell");
  });

  it("reads the demo delay, with a sane fallback", () => {
    expect(demoDelayMs({ DEMO_DELAY_MS: "0" })).toBe(0);
    expect(demoDelayMs({ DEMO_DELAY_MS: "250" })).toBe(250);
    expect(demoDelayMs({ DEMO_DELAY_MS: "soon" })).toBe(1500);
    expect(demoDelayMs({})).toBe(1500);
  });
});
