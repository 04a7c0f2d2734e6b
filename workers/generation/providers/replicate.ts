import { z } from "zod";
import { verifyWebhook, webhookKeyBytes } from "../../lib/standard-webhooks";
import { call, type Fetcher, globalFetcher, isRecord, type Reply, retryAfterSeconds } from "./http/call";
import { openOutputs } from "./http/download";
import { failed, failure } from "./http/failures";
import type { HostPatterns } from "./http/output-hosts";
import { mapReplicateOptions } from "./replicate-options";
import type { Provider, ProviderFailure, ProviderRequest, ProviderResult, ProviderWebhook } from "./types";

/** Replicate's HTTP API. */
const REPLICATE_API_URL = "https://api.replicate.com/v1";
/** Where prediction outputs are served from (`https://replicate.delivery/…` in Replicate's prediction examples). */
const REPLICATE_OUTPUT_HOSTS: HostPatterns = ["replicate.delivery", "*.replicate.delivery"];

// Predictions are created without `Prefer: wait`: holding a queue consumer for up to a minute per
// job would throttle every other job in its batch, and completion arrives by webhook or poll anyway.
const LIMITS = { timeoutMs: 30_000, maxBytes: 1024 * 1024 };

export interface ReplicateDependencies {
  /** REPLICATE_API_TOKEN. */
  token: string;
  /** REPLICATE_WEBHOOK_SECRET (`whsec_…`); without it every webhook is refused. */
  webhookSecret?: string;
  fetch?: Fetcher;
  now?: () => number;
  apiUrl?: string;
  /** Hosts outputs may be downloaded from (and redirected to); REPLICATE_OUTPUT_HOSTS unless a test's fake says otherwise. */
  outputHosts?: HostPatterns;
}

/** Replicate predictions for official models: create, poll or receive a Standard Webhooks callback, then stream outputs. */
export class ReplicateProvider implements Provider {
  readonly id = "replicate";
  private readonly fetcher: Fetcher;
  private readonly now: () => number;
  private readonly apiUrl: string;

  constructor(private readonly deps: ReplicateDependencies) {
    this.fetcher = deps.fetch ?? globalFetcher;
    this.now = deps.now ?? Date.now;
    this.apiUrl = deps.apiUrl ?? REPLICATE_API_URL;
  }

  async submit(request: ProviderRequest): Promise<ProviderResult> {
    const mapped = mapReplicateOptions({ ...request, referenceImages: request.inputs.length });
    if (!mapped.ok) return { state: "failed", error: mapped.failure };
    const body: Record<string, unknown> = { input: mapped.input };
    if (request.callbackUrl) Object.assign(body, { webhook: request.callbackUrl, webhook_events_filter: ["completed"] });
    const outcome = await this.send(`/models/${request.providerModel}/predictions`, "POST", JSON.stringify(body));
    return this.predictionResult(outcome, false);
  }

  async status(providerJobId: string): Promise<ProviderResult> {
    const outcome = await this.send(`/predictions/${encodeURIComponent(providerJobId)}`, "GET");
    return this.predictionResult(outcome, true);
  }

  async cancel(providerJobId: string): Promise<boolean> {
    const outcome = await this.send(`/predictions/${encodeURIComponent(providerJobId)}/cancel`, "POST");
    if (!outcome.ok || outcome.reply.status !== 200) return false;
    const prediction = predictionSchema.safeParse(outcome.reply.json);
    // A prediction that already finished cannot be stopped; a running one can.
    return prediction.success && !["succeeded", "failed"].includes(prediction.data.status);
  }

  async parseWebhook(rawBody: string, headers: Headers): Promise<ProviderWebhook | null> {
    if (!this.deps.webhookSecret) return null;
    const key = webhookKeyBytes(this.deps.webhookSecret);
    const verified = await verifyWebhook(key, headers, rawBody, Math.floor(this.now() / 1000));
    if (!verified.ok) return null;
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return null;
    }
    const prediction = predictionSchema.safeParse(json);
    if (!prediction.success) return null;
    return { providerJobId: prediction.data.id, result: await this.fromPrediction(prediction.data) };
  }

  private async predictionResult(outcome: Awaited<ReturnType<typeof call>>, poll: boolean): Promise<ProviderResult> {
    if (!outcome.ok) return { state: "failed", error: outcome.failure };
    const { reply } = outcome;
    if (reply.status >= 300) return { state: "failed", error: replicateFailure(reply, this.now()) };
    const prediction = predictionSchema.safeParse(reply.json);
    // Repeating a poll is free; repeating a create might start (and bill) a second prediction.
    if (!prediction.success) return failed("bad_response", { retryable: poll });
    return this.fromPrediction(prediction.data);
  }

  private async fromPrediction(prediction: Prediction): Promise<ProviderResult> {
    // Official models run their latest version; recording which one makes a result traceable.
    const version = prediction.version ? { modelVersion: prediction.version } : {};
    switch (prediction.status) {
      case "starting":
      case "processing":
        return { state: "pending", providerJobId: prediction.id, ...version };
      case "canceled":
        return failed("canceled");
      case "aborted":
        return failed("provider_error"); // its deadline passed before it started: nothing ran
      case "failed":
        return failed(/nsfw|safety|sensitive/i.test(prediction.error ?? "") ? "refused" : "generation_failed");
      case "succeeded": {
        // API prediction data is deleted after an hour (`data_removed`): too late to copy.
        if (prediction.data_removed) return failed("output_unavailable");
        const urls = typeof prediction.output === "string" ? [prediction.output] : prediction.output;
        if (!Array.isArray(urls) || urls.length === 0 || !urls.every((url) => typeof url === "string")) {
          return failed("bad_response");
        }
        const hosts = this.deps.outputHosts ?? REPLICATE_OUTPUT_HOSTS;
        const opened = await openOutputs(
          this.fetcher,
          urls.map((url: string) => ({ url })),
          hosts,
        );
        return opened.ok ? { state: "succeeded", outputs: opened.outputs, ...version } : { state: "failed", error: opened.failure };
      }
    }
  }

  private send(path: string, method: string, body?: string) {
    const headers: Record<string, string> = { authorization: `Bearer ${this.deps.token}`, accept: "application/json" };
    if (body) headers["content-type"] = "application/json";
    return call(this.fetcher, new Request(`${this.apiUrl}${path}`, { method, headers, body }), LIMITS);
  }
}

const predictionSchema = z.object({
  id: z.string().min(1),
  status: z.enum(["starting", "processing", "succeeded", "failed", "canceled", "aborted"]),
  version: z.string().min(1).optional().catch(undefined),
  output: z.unknown().optional(),
  error: z.string().nullish(),
  data_removed: z.boolean().optional(),
});
type Prediction = z.infer<typeof predictionSchema>;

const problemSchema = z.object({
  detail: z.string().optional(),
  invalid_fields: z.array(z.object({ field: z.string().optional(), description: z.string().optional() })).optional(),
});

/**
 * Replicate's error answers (problem JSON with `detail`): 401/402/403/404 are operator problems,
 * 422 is bad input (its first invalid field is shown), 429 is throttling ("resets in ~30s" when no
 * Retry-After header is sent), 5xx is transient.
 */
function replicateFailure(reply: Reply, nowMs: number): ProviderFailure {
  const problem = problemSchema.safeParse(isRecord(reply.json) ? reply.json : {}).data ?? {};
  const { status } = reply;
  if ([401, 402, 403, 404].includes(status)) return failure("provider_unavailable");
  if (status === 429) {
    const hinted = /resets in ~?(\d+)\s*s/i.exec(problem.detail ?? "")?.[1];
    return failure("rate_limited", { retryAfterSeconds: retryAfterSeconds(reply.headers, nowMs) ?? (hinted ? Number(hinted) : undefined) });
  }
  if (status === 422 || status === 400) {
    const field = problem.invalid_fields?.[0];
    const detail = field ? [field.field, field.description].filter(Boolean).join(": ") : problem.detail;
    return failure("invalid_input", { detail });
  }
  if (status >= 500 || status === 408) return failure("provider_error");
  return failure("generation_failed");
}
