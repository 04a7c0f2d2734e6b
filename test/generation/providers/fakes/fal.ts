import { toHex } from "../../../../workers/lib/crypto";
import { FAKE_MP4, fakeImage } from "./images";
import { type FakeCall, FakeCdn, type FakeRoute, fakeFetch, json } from "./router";

/** The fal endpoints a fake can be told to answer differently, once. */
export type FalEndpoint = "submit" | "status" | "result" | "cancel" | "jwks";

export interface FakeFalRequest {
  id: string;
  model: string;
  input: Record<string, unknown>;
  webhookUrl: string | null;
  polls: number;
  canceled: boolean;
}

/** Mutable state of a fake fal: what it received and how it behaves next. */
export interface FakeFalState {
  key: string;
  requests: Map<string, FakeFalRequest>;
  calls: FakeCall[];
  /** Status polls spent IN_QUEUE, then IN_PROGRESS, before a request is COMPLETED. */
  pollsInQueue: number;
  pollsInProgress: number;
  /** Marks generated images as flagged by fal's safety checker. */
  nsfw: boolean;
  overrides: Partial<Record<FalEndpoint, Array<() => Response>>>;
}

const QUEUE = "https://queue.fal.run";
const CDN = "https://v3.fal.media";
const JWKS = "https://rest.fal.ai/.well-known/jwks.json";
const SIZES: Record<string, [number, number]> = {
  square_hd: [1024, 1024],
  square: [512, 512],
  landscape_16_9: [1024, 576],
  portrait_16_9: [576, 1024],
  landscape_4_3: [1024, 768],
  portrait_4_3: [768, 1024],
};

/**
 * A local fal: the queue API (submit with `?fal_webhook=`, status 202/200 under owner/app only,
 * result, cancel), flux-style input validation with 422 `detail` arrays, a CDN for outputs, a JWKS
 * with a freshly generated Ed25519 key, and a signer for webhooks exactly as fal signs them.
 */
export async function fakeFal(options: { key?: string } = {}) {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", pair.publicKey)) as JsonWebKey;
  const cdn = new FakeCdn();
  const state: FakeFalState = {
    key: options.key ?? "fal-test-key",
    requests: new Map(),
    calls: [],
    pollsInQueue: 1,
    pollsInProgress: 1,
    nsfw: false,
    overrides: {},
  };
  const override = (endpoint: FalEndpoint) => state.overrides[endpoint]?.shift()?.();
  const authorized = (request: Request) => request.headers.get("authorization") === `Key ${state.key}`;
  const unauthorized = () => json({ detail: "Unauthorized" }, 401);
  const find = (params: Record<string, string | undefined>) => {
    const found = state.requests.get(params.id ?? "");
    return found?.model.startsWith(`${params.owner}/${params.app}`) ? found : undefined;
  };
  const urls = (r: FakeFalRequest) => {
    const [owner, app] = r.model.split("/");
    const base = `${QUEUE}/${owner}/${app}/requests/${r.id}`;
    return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
  };
  const completed = (r: FakeFalRequest) => r.polls > state.pollsInQueue + state.pollsInProgress;

  /** The model output fal would store for this request (uploading its files to the CDN). */
  const output = (r: FakeFalRequest): Record<string, unknown> => {
    if (r.model.includes("video")) {
      const url = `${CDN}/files/fake/${r.id}.mp4`;
      cdn.put(url, FAKE_MP4, "video/mp4");
      return { video: { url, content_type: "video/mp4", file_name: "output.mp4", file_size: FAKE_MP4.byteLength } };
    }
    const size = r.input.image_size;
    const [width, height] = typeof size === "string" ? (SIZES[size] ?? [1024, 768]) : sizeOf(size);
    const count = Number(r.input.num_images ?? 1);
    const images = Array.from({ length: count }, (_, i) => {
      const url = `${CDN}/files/fake/${r.id}_${i}.png`;
      cdn.put(url, fakeImage("png", width, height), "image/png");
      return { url, content_type: "image/png", width, height };
    });
    return { images, seed: 42, prompt: r.input.prompt, has_nsfw_concepts: images.map(() => state.nsfw), timings: { inference: 0.3 } };
  };

  const routes: FakeRoute[] = [
    { method: "GET", pattern: new URLPattern(JWKS), handle: () => override("jwks") ?? json({ keys: [{ ...jwk, kid: "fal-1" }] }) },
    cdn.route(CDN),
    {
      method: "GET",
      pattern: new URLPattern(`${QUEUE}/:owner/:app/requests/:id/status`),
      handle: (request, params) => {
        if (!authorized(request)) return unauthorized();
        const r = find(params);
        if (!r) return json({ detail: "Request not found" }, 404);
        r.polls += 1;
        const early = override("status");
        if (early) return early;
        if (r.polls <= state.pollsInQueue)
          return json({ status: "IN_QUEUE", request_id: r.id, queue_position: state.pollsInQueue - r.polls, ...urls(r) }, 202);
        if (!completed(r)) return json({ status: "IN_PROGRESS", request_id: r.id, logs: [], ...urls(r) }, 202);
        return json({ status: "COMPLETED", request_id: r.id, logs: [], metrics: { inference_time: 0.3 }, ...urls(r) });
      },
    },
    {
      method: "GET",
      pattern: new URLPattern(`${QUEUE}/:owner/:app/requests/:id`),
      handle: (request, params) => {
        if (!authorized(request)) return unauthorized();
        const r = find(params);
        if (!r) return json({ detail: "Request not found" }, 404);
        const early = override("result");
        if (early) return early;
        if (!completed(r)) return json({ detail: "Request is still in progress" }, 400);
        return json(output(r), 200, { "x-fal-request-id": r.id });
      },
    },
    {
      method: "PUT",
      pattern: new URLPattern(`${QUEUE}/:owner/:app/requests/:id/cancel`),
      handle: (request, params) => {
        if (!authorized(request)) return unauthorized();
        const r = find(params);
        if (!r) return json({ detail: "Request not found" }, 404);
        const early = override("cancel");
        if (early) return early;
        if (r.polls >= state.pollsInQueue) return json({ status: "ALREADY_COMPLETED" }, 400);
        r.canceled = true;
        return json({ status: "CANCELLATION_REQUESTED" }, 202);
      },
    },
    {
      method: "POST",
      pattern: new URLPattern(`${QUEUE}/:model+`),
      handle: async (request, params) => {
        if (!authorized(request)) return unauthorized();
        const early = override("submit");
        if (early) return early;
        const input = (await request.json().catch(() => null)) as Record<string, unknown> | null;
        const model = params.model ?? "";
        const problems = input ? validate(model, input) : [{ loc: ["body"], msg: "Invalid JSON", type: "value_error.jsondecode" }];
        if (problems.length > 0) return json({ detail: problems }, 422);
        const r: FakeFalRequest = {
          id: crypto.randomUUID(),
          model,
          input: input ?? {},
          webhookUrl: new URL(request.url).searchParams.get("fal_webhook"),
          polls: 0,
          canceled: false,
        };
        state.requests.set(r.id, r);
        return json({ status: "IN_QUEUE", request_id: r.id, queue_position: state.pollsInQueue, ...urls(r) });
      },
    },
  ];

  return {
    state,
    cdn,
    fetch: fakeFetch(routes, state.calls),
    jwksUrl: JWKS,
    /** The fake CDN's host, for the adapter's `outputHosts` setting. */
    outputHosts: [new URL(CDN).hostname],
    /** Makes the next call to an endpoint answer this instead. */
    failNext(endpoint: FalEndpoint, response: () => Response) {
      state.overrides[endpoint] = [...(state.overrides[endpoint] ?? []), response];
    },
    /** Finishes a request at once (as if it had been polled to completion). */
    complete(requestId: string) {
      const r = state.requests.get(requestId);
      if (r) r.polls = state.pollsInQueue + state.pollsInProgress + 1;
      return r;
    },
    /** The webhook fal would POST for a request: body and signed headers. */
    async webhook(
      requestId: string,
      options: { body?: unknown; timestamp?: number; signer?: CryptoKey; userId?: string } = {},
    ): Promise<{ body: string; headers: Headers }> {
      const r = state.requests.get(requestId);
      const payload = options.body ?? {
        request_id: requestId,
        gateway_request_id: requestId,
        status: "OK",
        payload: r ? output(r) : null,
        error: null,
      };
      const body = JSON.stringify(payload);
      const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
      const userId = options.userId ?? "fake-user";
      const digest = toHex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
      const message = new TextEncoder().encode(`${requestId}\n${userId}\n${timestamp}\n${digest}`);
      const signature = toHex(await crypto.subtle.sign({ name: "Ed25519" }, options.signer ?? pair.privateKey, message));
      const headers = new Headers({
        "content-type": "application/json",
        "x-fal-webhook-request-id": requestId,
        "x-fal-webhook-user-id": userId,
        "x-fal-webhook-timestamp": timestamp,
        "x-fal-webhook-signature": signature,
      });
      return { body, headers };
    },
  };
}

/** The fake's instance type, for helpers that take one. */
export type FakeFal = Awaited<ReturnType<typeof fakeFal>>;

function sizeOf(size: unknown): [number, number] {
  const s = size as { width?: number; height?: number } | undefined;
  return [s?.width ?? 1024, s?.height ?? 768];
}

type Problem = { loc: (string | number)[]; msg: string; type: string };

// The checks fal's flux and kling schemas make, answered as FastAPI/pydantic 422 details.
function validate(model: string, input: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const problem = (field: string, msg: string, type: string) => problems.push({ loc: ["body", field], msg, type });
  if (typeof input.prompt !== "string" || input.prompt.length === 0) problem("prompt", "field required", "value_error.missing");
  if (model.includes("kling")) {
    if (input.duration !== undefined && !["5", "10"].includes(String(input.duration)))
      problem("duration", "value is not a valid enumeration member; permitted: '5', '10'", "type_error.enum");
    return problems;
  }
  const count = input.num_images ?? 1;
  if (typeof count !== "number" || count < 1 || count > 4)
    problem("num_images", "ensure this value is less than or equal to 4", "value_error.number.not_le");
  const size = input.image_size;
  if (typeof size === "string" && !(size in SIZES)) problem("image_size", "value is not a valid enumeration member", "type_error.enum");
  const steps = input.num_inference_steps;
  if (steps !== undefined && (typeof steps !== "number" || steps < 1 || steps > (model.endsWith("schnell") ? 12 : 50)))
    problem("num_inference_steps", "ensure this value is within range", "value_error.number.not_le");
  if (model.includes("image-to-image") && typeof input.image_url !== "string")
    problem("image_url", "field required", "value_error.missing");
  return problems;
}
