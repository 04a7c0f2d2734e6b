import { env, exports } from "cloudflare:workers";
import OpenAI, { toFile } from "openai";
import { describe, expect, it } from "vitest";
import type { CreatedApiKeyResponse } from "../../shared/developers";
import { png } from "../media/fixtures";
import { api, signUpVerified, type TestUser } from "../support/users";
import { sdkClient } from "./sdk-client";

const ORIGIN = "http://localhost";

async function keyFor(user: TestUser, scopes = ["generate"], monthlyCreditCap?: number): Promise<string> {
  const res = await api("/api/developers/keys", {
    method: "POST",
    cookie: user.cookie,
    json: { name: "openai", scopes, monthlyCreditCap },
  });
  expect(res.status).toBe(201);
  return (await res.json<CreatedApiKeyResponse>()).secret;
}

async function available(user: TestUser): Promise<number> {
  return (await (await api("/api/credits", { cookie: user.cookie })).json<{ available: number }>()).available;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

describe("/v1 with the official openai client", () => {
  it("lists the image models (not the video ones) in OpenAI's list shape", async () => {
    const user = await signUpVerified();
    const openai = sdkClient(await keyFor(user));
    const models = [];
    for await (const model of openai.models.list()) models.push(model);
    const ids = models.map((m) => m.id);
    expect(ids).toContain("demo-image");
    expect(ids).not.toContain("demo-video");
    expect(models[0]).toMatchObject({ object: "model", owned_by: expect.any(String) });
  });

  it("generates n pictures as links that open the gallery items, charged once each", async () => {
    const user = await signUpVerified();
    const openai = sdkClient(await keyFor(user));
    const before = await available(user);
    const result = await openai.images.generate({ model: "demo-image", prompt: "a lighthouse at dusk", n: 2, size: "1536x1024" });
    expect(result.data).toHaveLength(2);
    expect(result.created).toBeGreaterThan(0);
    for (const item of result.data ?? []) {
      expect(item.url).toMatch(/^http:\/\/localhost\/media\/shared\/[A-Za-z0-9_-]{43}$/);
      const file = await exports.default.fetch(new Request(item.url!));
      expect(file.status).toBe(200);
      expect([...new Uint8Array(await file.arrayBuffer()).slice(0, 4)]).toEqual(PNG_SIGNATURE);
    }
    expect(await available(user)).toBe(before - 2);
    // The job is an ordinary one of the person's: in History, with the 3:2 shape the size mapped to.
    const jobs = (await (await api("/api/generations", { cookie: user.cookie })).json<{ items: { params: { aspectRatio: string } }[] }>())
      .items;
    expect(jobs.map((j) => j.params.aspectRatio)).toEqual(["3:2"]);
  });

  it("answers b64_json with the file's bytes", async () => {
    const user = await signUpVerified();
    const result = await sdkClient(await keyFor(user)).images.generate({
      model: "demo-image",
      prompt: "paper boats",
      response_format: "b64_json",
    });
    const bytes = Uint8Array.from(atob(result.data![0]!.b64_json!), (c) => c.charCodeAt(0));
    expect([...bytes.slice(0, 4)]).toEqual(PNG_SIGNATURE);
    expect(result.output_format).toBe("png");
  });

  it("edits with a file: the image becomes a reference upload in the gallery", async () => {
    const user = await signUpVerified();
    const openai = sdkClient(await keyFor(user));
    const result = await openai.images.edit({
      model: "demo-image",
      image: await toFile(png(), "reference.png", { type: "image/png" }),
      prompt: "the same, at night",
    });
    expect(result.data).toHaveLength(1);
    const gallery = (await (await api("/api/media", { cookie: user.cookie })).json<{ items: { kind: string }[] }>()).items;
    expect(gallery.map((m) => m.kind).sort()).toEqual(["image", "upload"]);
  });

  it("raises the SDK's own error classes, in OpenAI's error shape", async () => {
    const user = await signUpVerified();
    const secret = await keyFor(user);
    const openai = sdkClient(secret);

    const badKey = await sdkClient(`ausar_sk_${"x".repeat(43)}`)
      .images.generate({ model: "demo-image", prompt: "a" })
      .catch((e: unknown) => e);
    expect(badKey).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(badKey).toMatchObject({ status: 401, code: "invalid_api_key" });

    const tooMany = await openai.images.generate({ model: "demo-image", prompt: "a", n: 9 }).catch((e: unknown) => e);
    expect(tooMany).toBeInstanceOf(OpenAI.BadRequestError);
    expect(tooMany).toMatchObject({ status: 400, param: "n", type: "invalid_request_error" });

    const badSize = await openai.images.generate({ model: "demo-image", prompt: "a", size: "4000x500" as "auto" }).catch((e: unknown) => e);
    expect(badSize).toMatchObject({ status: 400, param: "size" });

    const video = await openai.images.generate({ model: "demo-video", prompt: "a" }).catch((e: unknown) => e);
    expect(video).toBeInstanceOf(OpenAI.BadRequestError);
    expect(video).toMatchObject({ param: "model" });

    const unknown = await openai.images.generate({ model: "no-such-model", prompt: "a" }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect(unknown).toMatchObject({ code: "model_not_found" });

    // Not enough credits: OpenAI's quota error (a 429 with its own code, not a rate limit).
    const poor = await signUpVerified();
    const poorKey = await keyFor(poor, ["generate"], 1);
    const quota = await sdkClient(poorKey)
      .images.generate({ model: "demo-image", prompt: "a", n: 2 })
      .catch((e: unknown) => e);
    expect(quota).toBeInstanceOf(OpenAI.RateLimitError);
    expect(quota).toMatchObject({ status: 429, code: "insufficient_quota" });

    // Past the key's rate: a 429 rate limit with Retry-After.
    const [keyRow] = (await (await api("/api/developers/keys", { cookie: user.cookie })).json<{ keys: { id: string }[] }>()).keys;
    const now = Date.now();
    await env.DB.prepare("INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 300) ON CONFLICT DO UPDATE SET count = 300")
      .bind(`api_key:${keyRow!.id}`, now - (now % 60_000))
      .run();
    const limited = await openai.images.generate({ model: "demo-image", prompt: "a" }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited).toMatchObject({ status: 429, code: "rate_limit_exceeded" });
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).headers?.get("retry-after")).toMatch(/^\d+$/);

    // Malformed JSON: a 400 in OpenAI's shape, naming no parameter.
    const malformed = await exports.default.fetch(
      new Request(`${ORIGIN}/v1/images/generations`, {
        method: "POST",
        headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" },
        body: "{not json",
      }),
    );
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { type: "invalid_request_error", code: "invalid_json", param: null } });

    // A session cookie is not a key here.
    const cookieOnly = await exports.default.fetch(new Request(`${ORIGIN}/v1/models`, { headers: { Cookie: user.cookie } }));
    expect(cookieOnly.status).toBe(401);
    expect(await cookieOnly.json()).toMatchObject({ error: { code: "invalid_api_key", type: "invalid_request_error" } });
  });
});
