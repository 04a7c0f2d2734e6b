import OpenAI from "openai";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CreatedApiKeyResponse } from "../../shared/developers";
import { fakeOpenAi } from "../generation/providers/fakes/openai";
import { sdkClient } from "../openai/sdk-client";
import { api, signUpVerified, type TestUser } from "../support/users";

const OPENAI_API = "https://api.openai.com/";

/**
 * OpenAI's own API, as the Worker's real OpenAI adapter reaches it: the local fake of its documented
 * protocol (which refuses prompts with its forbidden word as `moderation_blocked`), through a spy on
 * the Worker's global fetch; anything else goes to the real fetch.
 */
function openAiUpstream() {
  const upstream = fakeOpenAi({ apiKey: "sk-test-key" });
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    return request.url.startsWith(OPENAI_API) ? upstream.fetch(request) : realFetch(input, init);
  });
  return upstream;
}

afterEach(() => {
  vi.restoreAllMocks();
});

async function keyFor(user: TestUser): Promise<string> {
  const res = await api("/api/developers/keys", { method: "POST", cookie: user.cookie, json: { name: "sdk", scopes: ["generate"] } });
  expect(res.status).toBe(201);
  return (await res.json<CreatedApiKeyResponse>()).secret;
}

async function available(user: TestUser): Promise<number> {
  return (await (await api("/api/credits", { cookie: user.cookie })).json<{ available: number }>()).available;
}

describe("/v1 through the official openai client with the OpenAI provider behind it", () => {
  it("answers a prompt the provider refuses with 400 content_policy_violation, and returns the credits", async () => {
    const upstream = openAiUpstream();
    const user = await signUpVerified();
    const openai = sdkClient(await keyFor(user));
    const before = await available(user);

    const refused = await openai.images
      .generate({ model: "openai-gpt-image-1", prompt: "a forbidden picture" })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    const error = refused as InstanceType<typeof OpenAI.BadRequestError>;
    expect(error.status).toBe(400);
    expect(error.code).toBe("content_policy_violation");
    expect(error.message.length).toBeGreaterThan(0);
    // The provider was asked (and refused), once; the hold came back.
    expect(upstream.state.requests.map((r) => r.endpoint)).toEqual(["generations"]);
    expect(await available(user)).toBe(before);
  });

  it("serves a prompt the provider accepts, made by the real adapter, as OpenAI's answer", async () => {
    const upstream = openAiUpstream();
    const user = await signUpVerified();
    const openai = sdkClient(await keyFor(user));
    const result = await openai.images.generate({ model: "openai-gpt-image-1", prompt: "a quiet harbour", response_format: "b64_json" });
    expect(result.data).toHaveLength(1);
    const bytes = Uint8Array.from(atob(result.data![0]!.b64_json!), (c) => c.charCodeAt(0));
    expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(upstream.state.requests[0]?.fields).toMatchObject({ model: "gpt-image-1", prompt: "a quiet harbour" });
  });
});
