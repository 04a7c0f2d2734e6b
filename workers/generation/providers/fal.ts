import { z } from "zod";
import { mapFalOptions } from "./fal-options";
import { falFailure, outputLinks } from "./fal-results";
import { verifyFalWebhook } from "./fal-webhook";
import { call, type Fetcher, globalFetcher, type Reply } from "./http/call";
import { openOutputs } from "./http/download";
import { Ed25519Jwks } from "./http/ed25519-jwks";
import { failed, failure } from "./http/failures";
import type { HostPatterns } from "./http/output-hosts";
import type { Provider, ProviderFailure, ProviderRequest, ProviderResult, ProviderWebhook } from "./types";

/** fal's queue host (submit, status, result, cancel). */
const FAL_QUEUE_URL = "https://queue.fal.run";
/**
 * Where fal's outputs are served from: its CDN, `https://v3.fal.media/files/…` and `https://v3b.fal.media/…`
 * in fal's "fal CDN", "media expiration" and "file access controls" pages (older `fal.media/files/…`).
 */
const FAL_OUTPUT_HOSTS: HostPatterns = ["fal.media", "*.fal.media"];
/** Where fal publishes the Ed25519 keys that sign its webhooks. */
export const FAL_JWKS_URL = "https://rest.fal.ai/.well-known/jwks.json";

// Queue calls answer at once (the work happens later); results are small JSON with CDN links.
const LIMITS = { timeoutMs: 30_000, maxBytes: 1024 * 1024 };
// Ask fal to delete its copies after a day: we copy outputs into R2 as soon as they are ready.
const LIFECYCLE = JSON.stringify({ expiration_duration_seconds: 86_400 });

export interface FalDependencies {
  /** FAL_KEY. */
  key: string;
  fetch?: Fetcher;
  now?: () => number;
  /** The webhook key cache; pass one shared instance so it survives across requests. */
  jwks?: Ed25519Jwks;
  queueUrl?: string;
  /** Hosts outputs may be downloaded from (and redirected to); FAL_OUTPUT_HOSTS unless a test's fake CDN says otherwise. */
  outputHosts?: HostPatterns;
}

/** fal.ai through its queue API: submit, poll or receive a signed webhook, then stream outputs from its CDN. */
export class FalProvider implements Provider {
  readonly id = "fal";
  private readonly fetcher: Fetcher;
  private readonly now: () => number;
  private readonly jwks: Ed25519Jwks;
  private readonly queueUrl: string;

  constructor(private readonly deps: FalDependencies) {
    this.fetcher = deps.fetch ?? globalFetcher;
    this.now = deps.now ?? Date.now;
    this.jwks = deps.jwks ?? new Ed25519Jwks(FAL_JWKS_URL, this.fetcher, this.now);
    this.queueUrl = deps.queueUrl ?? FAL_QUEUE_URL;
  }

  async submit(request: ProviderRequest): Promise<ProviderResult> {
    const imageUrls = request.inputs.map((input) => input.url ?? "");
    const mapped = mapFalOptions({ ...request, imageUrls });
    if (!mapped.ok) return { state: "failed", error: mapped.failure };
    // fal fetches reference images itself, so each needs a (signed) URL.
    if (imageUrls.some((url) => !url)) return failed("invalid_input", { detail: "reference images must be reachable by URL" });
    const url = new URL(`${this.queueUrl}/${request.providerModel}`);
    if (request.callbackUrl) url.searchParams.set("fal_webhook", request.callbackUrl);
    const outcome = await this.send(url.toString(), "POST", {
      body: JSON.stringify(mapped.input),
      headers: { "content-type": "application/json", "x-fal-object-lifecycle-preference": LIFECYCLE },
    });
    if (!outcome.ok) return { state: "failed", error: outcome.failure };
    const queued = queuedSchema.safeParse(outcome.reply.json);
    if (outcome.reply.status >= 300 || !queued.success) return { state: "failed", error: this.replyFailure(outcome.reply) };
    return { state: "pending", providerJobId: queued.data.request_id, queuePosition: queued.data.queue_position };
  }

  async status(providerJobId: string, request: ProviderRequest): Promise<ProviderResult> {
    const base = this.requestUrl(request.providerModel, providerJobId);
    const outcome = await this.send(`${base}/status`, "GET");
    if (!outcome.ok) return { state: "failed", error: outcome.failure };
    if (outcome.reply.status >= 300) return { state: "failed", error: this.replyFailure(outcome.reply) };
    const status = statusSchema.safeParse(outcome.reply.json);
    // A garbled poll costs nothing to repeat; the job itself is unaffected.
    if (!status.success) return failed("bad_response", { retryable: true });
    if (status.data.status !== "COMPLETED") {
      return { state: "pending", providerJobId, queuePosition: status.data.queue_position };
    }
    // Prefer the URL fal returns, but only on its own queue host: it receives our key.
    const responseUrl = status.data.response_url?.startsWith(`${this.queueUrl}/`) ? status.data.response_url : base;
    const result = await this.send(responseUrl, "GET");
    if (!result.ok) return { state: "failed", error: result.failure };
    if (result.reply.status !== 200) return { state: "failed", error: this.replyFailure(result.reply) };
    return this.outputs(result.reply.json);
  }

  async cancel(providerJobId: string, request: ProviderRequest): Promise<boolean> {
    const outcome = await this.send(`${this.requestUrl(request.providerModel, providerJobId)}/cancel`, "PUT");
    // 202 CANCELLATION_REQUESTED; 400 ALREADY_COMPLETED (too late) and anything else mean no.
    return outcome.ok && outcome.reply.status >= 200 && outcome.reply.status < 300;
  }

  async parseWebhook(rawBody: string, headers: Headers): Promise<ProviderWebhook | null> {
    const signedId = await verifyFalWebhook(this.jwks, headers, rawBody, this.now());
    if (!signedId) return null;
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return null;
    }
    const event = webhookSchema.safeParse(json);
    if (!event.success || event.data.request_id !== signedId) return null;
    const { status, payload, error, payload_error } = event.data;
    if (status === "ERROR") {
      const code = Number(/\b(\d{3})\b/.exec(error ?? "")?.[1] ?? 500);
      return { providerJobId: signedId, result: { state: "failed", error: falFailure(code, payload, null, this.now()) } };
    }
    if (payload === null || payload === undefined) {
      return { providerJobId: signedId, result: failed("bad_response", { detail: payload_error ?? undefined }) };
    }
    return { providerJobId: signedId, result: await this.outputs(payload) };
  }

  private async outputs(json: unknown): Promise<ProviderResult> {
    const links = outputLinks(json);
    if (!Array.isArray(links)) return { state: "failed", error: links };
    const opened = await openOutputs(this.fetcher, links, this.deps.outputHosts ?? FAL_OUTPUT_HOSTS);
    return opened.ok ? { state: "succeeded", outputs: opened.outputs } : { state: "failed", error: opened.failure };
  }

  // Status, result and cancel live under owner/app only: "fal-ai/flux/dev" → "fal-ai/flux/requests/{id}".
  private requestUrl(model: string, requestId: string): string {
    const [owner, app] = model.split("/");
    return `${this.queueUrl}/${owner}/${app}/requests/${encodeURIComponent(requestId)}`;
  }

  private send(url: string, method: string, init: { body?: string; headers?: Record<string, string> } = {}) {
    const headers = { authorization: `Key ${this.deps.key}`, accept: "application/json", ...init.headers };
    return call(this.fetcher, new Request(url, { method, headers, body: init.body }), LIMITS);
  }

  private replyFailure(reply: Reply): ProviderFailure {
    if (reply.status < 300) return failure("bad_response");
    return falFailure(reply.status, reply.json, reply.headers, this.now());
  }
}

const queuedSchema = z.object({ request_id: z.string().min(1), queue_position: z.number().int().nonnegative().optional() });
const statusSchema = z.object({
  status: z.enum(["IN_QUEUE", "IN_PROGRESS", "COMPLETED"]),
  queue_position: z.number().int().nonnegative().optional(),
  response_url: z.string().optional(),
});
const webhookSchema = z.object({
  request_id: z.string().min(1),
  status: z.enum(["OK", "ERROR"]),
  payload: z.unknown().optional(),
  // fal's documented success delivery says `"error": null` (test/generation/providers/fixtures/fal/webhook-ok.json).
  error: z.string().nullish(),
  payload_error: z.string().nullish(),
});
