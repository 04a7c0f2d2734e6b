import { Webhook } from "standardwebhooks";
import { FAKE_MP4, fakeImage } from "./images";
import { type FakeCall, FakeCdn, type FakeRoute, fakeFetch, json } from "./router";

/** The Replicate endpoints a fake can be told to answer differently, once. */
export type ReplicateEndpoint = "create" | "get" | "cancel";

type Status = "starting" | "processing" | "succeeded" | "failed" | "canceled" | "aborted";

export interface FakePrediction {
  id: string;
  model: string;
  input: Record<string, unknown>;
  status: Status;
  output: unknown;
  error: string | null;
  webhook: string | null;
  polls: number;
  data_removed: boolean;
}

export interface FakeReplicateState {
  token: string;
  /** The `whsec_…` secret Replicate signs webhooks with (GET /v1/webhooks/default/secret). */
  webhookSecret: string;
  predictions: Map<string, FakePrediction>;
  calls: FakeCall[];
  /** Polls spent `starting`, then `processing`, before a prediction succeeds. */
  pollsStarting: number;
  pollsProcessing: number;
  overrides: Partial<Record<ReplicateEndpoint, Array<() => Response>>>;
}

const API = "https://api.replicate.com/v1";
const DELIVERY = "https://replicate.delivery";
const RATIOS = ["1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16", "9:21"];
const MODELS = new Set(["black-forest-labs/flux-schnell", "kwaivgi/kling-v2.1-master"]);

/**
 * A local Replicate: official-model predictions (create 201, get, cancel), problem-JSON errors
 * (422 `invalid_fields`, 404, 401, 429 "Request was throttled"), outputs on a delivery CDN, and
 * Standard Webhooks signing with a `whsec_` secret through the `standardwebhooks` library.
 */
export function fakeReplicate(options: { token?: string } = {}) {
  const secretBytes = crypto.getRandomValues(new Uint8Array(32));
  const cdn = new FakeCdn();
  const state: FakeReplicateState = {
    token: options.token ?? "r8_test_token",
    webhookSecret: `whsec_${btoa(String.fromCharCode(...secretBytes))}`,
    predictions: new Map(),
    calls: [],
    pollsStarting: 1,
    pollsProcessing: 1,
    overrides: {},
  };
  const override = (endpoint: ReplicateEndpoint) => state.overrides[endpoint]?.shift()?.();
  const authorized = (request: Request) => request.headers.get("authorization") === `Bearer ${state.token}`;
  const unauthorized = () => json({ title: "Unauthenticated", detail: "You did not pass a valid authentication token", status: 401 }, 401);
  const notFound = () => json({ title: "Not found", detail: "The requested resource could not be found.", status: 404 }, 404);

  const succeed = (p: FakePrediction) => {
    p.status = "succeeded";
    if (p.model.startsWith("kwaivgi/")) {
      const url = `${DELIVERY}/xezq/${p.id}/output.mp4`;
      cdn.put(url, FAKE_MP4, "video/mp4");
      p.output = url;
      return;
    }
    const [w, h] = sizeFor(String(p.input.aspect_ratio ?? "1:1"));
    p.output = Array.from({ length: Number(p.input.num_outputs ?? 1) }, (_, i) => {
      const url = `${DELIVERY}/xezq/${p.id}/out-${i}.png`;
      cdn.put(url, fakeImage("png", w, h), "image/png");
      return url;
    });
  };
  const advance = (p: FakePrediction) => {
    if (["succeeded", "failed", "canceled", "aborted"].includes(p.status)) return;
    p.polls += 1;
    if (p.polls > state.pollsStarting + state.pollsProcessing) succeed(p);
    else if (p.polls > state.pollsStarting) p.status = "processing";
  };
  const view = (p: FakePrediction) => ({
    id: p.id,
    model: p.model,
    version: "5599ed30703defd1d160a25a63321b4dec97101d98b4674bcc56e41f62f35637",
    input: p.input,
    logs: "",
    output: p.output,
    data_removed: p.data_removed,
    error: p.error,
    status: p.status,
    source: "api",
    created_at: "2026-11-20T12:00:00.000Z",
    // As in Replicate's documented prediction object (test/generation/providers/fixtures/).
    started_at: p.status === "starting" ? null : "2026-11-20T12:00:01.000Z",
    completed_at: ["succeeded", "failed", "canceled", "aborted"].includes(p.status) ? "2026-11-20T12:00:03.000Z" : null,
    metrics: {},
    urls: { get: `${API}/predictions/${p.id}`, cancel: `${API}/predictions/${p.id}/cancel`, web: `https://replicate.com/p/${p.id}` },
    webhook: p.webhook ?? undefined,
  });

  const routes: FakeRoute[] = [
    cdn.route(DELIVERY),
    {
      method: "POST",
      pattern: new URLPattern(`${API}/models/:owner/:name/predictions`),
      handle: async (request, params) => {
        if (!authorized(request)) return unauthorized();
        const early = override("create");
        if (early) return early;
        const model = `${params.owner}/${params.name}`;
        if (!MODELS.has(model)) return notFound();
        const body = (await request.json().catch(() => null)) as { input?: Record<string, unknown>; webhook?: string } | null;
        const input = body?.input ?? {};
        const invalid = validate(model, input);
        if (invalid.length > 0) {
          const detail = invalid.map((f) => `- ${f.field}: ${f.description}`).join("\n");
          return json({ title: "Input validation failed", detail, status: 422, invalid_fields: invalid }, 422);
        }
        const p: FakePrediction = {
          id: Math.random().toString(36).slice(2, 14).padEnd(12, "x"),
          model,
          input,
          status: "starting",
          output: null,
          error: null,
          webhook: body?.webhook ?? null,
          polls: 0,
          data_removed: false,
        };
        state.predictions.set(p.id, p);
        return json(view(p), 201);
      },
    },
    {
      method: "GET",
      pattern: new URLPattern(`${API}/predictions/:id`),
      handle: (request, params) => {
        if (!authorized(request)) return unauthorized();
        const p = state.predictions.get(params.id ?? "");
        if (!p) return notFound();
        const early = override("get");
        if (early) return early;
        advance(p);
        return json(view(p));
      },
    },
    {
      method: "POST",
      pattern: new URLPattern(`${API}/predictions/:id/cancel`),
      handle: (request, params) => {
        if (!authorized(request)) return unauthorized();
        const p = state.predictions.get(params.id ?? "");
        if (!p) return notFound();
        const early = override("cancel");
        if (early) return early;
        if (p.status === "starting" || p.status === "processing") p.status = "canceled";
        return json(view(p));
      },
    },
  ];

  return {
    state,
    cdn,
    fetch: fakeFetch(routes, state.calls),
    /** The fake delivery host, for the adapter's `outputHosts` setting. */
    outputHosts: [new URL(DELIVERY).hostname],
    /** Makes the next call to an endpoint answer this instead. */
    failNext(endpoint: ReplicateEndpoint, response: () => Response) {
      state.overrides[endpoint] = [...(state.overrides[endpoint] ?? []), response];
    },
    /** The 429 Replicate answers when throttling. */
    throttled(retryAfter?: string) {
      const headers: Record<string, string> = retryAfter ? { "retry-after": retryAfter } : {};
      return json(
        { title: "Request was throttled", detail: "Request was throttled. Your rate limit resets in ~30s.", status: 429 },
        429,
        headers,
      );
    },
    /** Finishes a prediction at once, successfully or with an error. */
    finish(id: string, outcome: { error?: string; status?: Status } = {}) {
      const p = state.predictions.get(id);
      if (!p) return;
      if (outcome.error !== undefined || outcome.status) {
        p.status = outcome.status ?? "failed";
        p.error = outcome.error ?? null;
      } else succeed(p);
    },
    /** The signed `completed` webhook Replicate would POST for a prediction (or any body). */
    webhook(id: string, options: { body?: unknown; timestamp?: number; secret?: string; msgId?: string } = {}) {
      const p = state.predictions.get(id);
      const body = JSON.stringify(options.body ?? (p ? view(p) : { id }));
      const msgId = options.msgId ?? `msg_${crypto.randomUUID()}`;
      const date = new Date((options.timestamp ?? Math.floor(Date.now() / 1000)) * 1000);
      const signature = new Webhook(options.secret ?? state.webhookSecret).sign(msgId, date, body);
      const headers = new Headers({
        "content-type": "application/json",
        "webhook-id": msgId,
        "webhook-timestamp": String(Math.floor(date.getTime() / 1000)),
        "webhook-signature": signature,
      });
      return { body, headers };
    },
  };
}

/** The fake's instance type, for helpers that take one. */
export type FakeReplicate = ReturnType<typeof fakeReplicate>;

function sizeFor(ratio: string): [number, number] {
  const [w = 1, h = 1] = ratio.split(":").map(Number);
  return w >= h ? [1024, Math.round((1024 * h) / w / 16) * 16] : [Math.round((1024 * w) / h / 16) * 16, 1024];
}

type InvalidField = { type: string; field: string; description: string };

// The checks Cog makes against flux-schnell's and kling's published input schemas.
function validate(model: string, input: Record<string, unknown>): InvalidField[] {
  const invalid: InvalidField[] = [];
  const add = (field: string, type: string, description: string) => invalid.push({ type, field: `input.${field}`, description });
  if (typeof input.prompt !== "string") add("prompt", "required", "prompt is required");
  const ratios = model.startsWith("kwaivgi/") ? ["16:9", "9:16", "1:1"] : RATIOS;
  if (input.aspect_ratio !== undefined && !ratios.includes(String(input.aspect_ratio)))
    add("aspect_ratio", "enum", `aspect_ratio must be one of the following: ${ratios.join(", ")}`);
  if (model.startsWith("kwaivgi/")) {
    if (input.duration !== undefined && ![5, 10].includes(Number(input.duration)))
      add("duration", "enum", "duration must be one of the following: 5, 10");
    return invalid;
  }
  const n = input.num_outputs;
  if (n !== undefined && (typeof n !== "number" || n < 1 || n > 4))
    add("num_outputs", "less_than_equal", "Must be less than or equal to 4");
  if (input.output_format !== undefined && !["webp", "jpg", "png"].includes(String(input.output_format)))
    add("output_format", "enum", "output_format must be one of the following: webp, jpg, png");
  return invalid;
}
