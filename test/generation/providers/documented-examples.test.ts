import { describe, expect, it } from "vitest";
import { FalProvider } from "../../../workers/generation/providers/fal";
import { Ed25519Jwks } from "../../../workers/generation/providers/http/ed25519-jwks";
import { ReplicateProvider } from "../../../workers/generation/providers/replicate";
import { fakeFal } from "./fakes/fal";
import { fakeImage } from "./fakes/images";
import { fakeReplicate } from "./fakes/replicate";
import { providerRequest, readAll } from "./fakes/request";
import { json } from "./fakes/router";
import falSubmit from "./fixtures/fal/submit-response.json";
import falWebhookOk from "./fixtures/fal/webhook-ok.json";
import replicateStarting from "./fixtures/replicate/webhook-starting.json";

// The adapters against the providers' own documented examples (sources in fixtures/README.md).

describe("fal, against fal's documented examples", () => {
  it("reads the documented submit answer (request_id and gateway_request_id, no queue position) as pending", async () => {
    const fal = await fakeFal();
    fal.failNext("submit", () => json(falSubmit));
    const provider = new FalProvider({ key: fal.state.key, fetch: fal.fetch, jwks: new Ed25519Jwks(fal.jwksUrl, fal.fetch, Date.now) });
    const result = await provider.submit(providerRequest());
    expect(result).toEqual({ state: "pending", providerJobId: falSubmit.request_id });
  });

  it("accepts the documented successful webhook body (with its `error: null`) and streams its image", async () => {
    const fal = await fakeFal();
    const png = fakeImage("png", 16, 16);
    const output = falWebhookOk.payload.images[0]!;
    // The documented URL's placeholder host is admitted through the same setting that pins fal.media in production.
    const fetch = async (request: Request) =>
      request.url === output.url ? new Response(png, { headers: { "content-type": "image/png" } }) : fal.fetch(request);
    const provider = new FalProvider({
      key: fal.state.key,
      fetch,
      jwks: new Ed25519Jwks(fal.jwksUrl, fal.fetch, Date.now),
      outputHosts: ["url.to"],
    });
    const { body, headers } = await fal.webhook(falWebhookOk.request_id, { body: falWebhookOk });
    const parsed = await provider.parseWebhook(body, headers);
    expect(parsed?.providerJobId).toBe(falWebhookOk.request_id);
    if (parsed?.result.state !== "succeeded") throw new Error(`expected success, got ${JSON.stringify(parsed)}`);
    expect(parsed.result.outputs).toHaveLength(1);
    const [image] = parsed.result.outputs;
    expect(image).toMatchObject({ contentType: "image/png", width: output.width, height: output.height });
    expect(await readAll(image!.body)).toEqual(png);
  });

  it("has a fake whose webhook body carries every field of the documented one", async () => {
    const fal = await fakeFal();
    const provider = new FalProvider({ key: fal.state.key, fetch: fal.fetch, jwks: new Ed25519Jwks(fal.jwksUrl, fal.fetch, Date.now) });
    const submitted = await provider.submit(providerRequest());
    const id = submitted.state === "pending" ? submitted.providerJobId : "";
    const fake = JSON.parse((await fal.webhook(id)).body) as Record<string, unknown>;
    expect(Object.keys(fake)).toEqual(expect.arrayContaining(Object.keys(falWebhookOk)));
    const image = (fake.payload as { images: Record<string, unknown>[] }).images[0]!;
    expect(Object.keys(image)).toEqual(expect.arrayContaining(["url", "content_type", "width", "height"]));
  });
});

describe("Replicate, against Replicate's documented examples", () => {
  it("maps the documented webhook body of an unfinished prediction to pending, with its version", async () => {
    const replicate = fakeReplicate();
    const provider = new ReplicateProvider({
      token: replicate.state.token,
      webhookSecret: replicate.state.webhookSecret,
      fetch: replicate.fetch,
    });
    const { body, headers } = replicate.webhook(replicateStarting.id, { body: replicateStarting });
    expect(await provider.parseWebhook(body, headers)).toEqual({
      providerJobId: replicateStarting.id,
      result: { state: "pending", providerJobId: replicateStarting.id, modelVersion: replicateStarting.version },
    });
  });

  it("has a fake whose prediction objects carry every field of the documented one", async () => {
    const replicate = fakeReplicate();
    const provider = new ReplicateProvider({ token: replicate.state.token, fetch: replicate.fetch });
    const created = await provider.submit(providerRequest({ providerModel: "black-forest-labs/flux-schnell" }));
    const id = created.state === "pending" ? created.providerJobId : "";
    const fake = JSON.parse(replicate.webhook(id).body) as Record<string, unknown>;
    expect(Object.keys(fake)).toEqual(expect.arrayContaining(Object.keys(replicateStarting)));
  });
});
