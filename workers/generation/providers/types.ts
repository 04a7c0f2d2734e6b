/**
 * The one interface every provider adapter implements (one file per provider in this folder).
 * Adapters are pure protocol translators: no D1, no R2, no credits. The consumer owns the job's
 * life and settlement; adapters only speak HTTP (through an injected `fetch`) or a binding.
 *
 * Notes for adapter authors (from the generation side, which owns this file):
 * - `registry.ts` builds each adapter from env: `new FalProvider({ key: FAL_KEY, jwks })`,
 *   `new ReplicateProvider({ token: REPLICATE_API_TOKEN, webhookSecret })` (webhooks only with a
 *   secret, else polled), `new OpenAiImagesProvider({ apiKey: OPENAI_API_KEY })`,
 *   `new WorkersAiProvider({ run: bindingRun(env.AI) })`. Change both sides together.
 * - `id` must equal the catalog's provider id (`shared/models.ts` `ProviderId`): "fal",
 *   "replicate", "openai-images", "workers-ai". The catalog's `providerModel` arrives as
 *   `ProviderRequest.providerModel`.
 * - The consumer calls `submit` once per attempt (never twice for the same `attemptKey`), `status`
 *   any number of times, and reads or cancels every output body it is given. Anything thrown is
 *   treated as a transient failure; return `failed` with `retryable: false` for permanent ones.
 * - Optional fields added later (`modelVersion`, `checkAgainSeconds`, `ProviderOutput.poster`) may be left out.
 */

/** What the adapter needs to start one attempt of a job. */
export interface ProviderRequest {
  jobId: string;
  /** The provider's model id (e.g. "fal-ai/flux/schnell"). */
  providerModel: string;
  kind: "image" | "video";
  prompt: string;
  negativePrompt?: string;
  aspectRatio: string;
  width: number;
  height: number;
  count: number;
  seed?: number;
  durationSeconds?: number;
  /** Reference images (image-to-image / image-to-video), readable by the adapter. */
  inputs: ProviderInput[];
  /** Where an asynchronous provider should call back; carries an unguessable per-job token. */
  callbackUrl?: string;
  /** Idempotency key for this attempt, sent where the provider supports one. */
  attemptKey: string;
}

export interface ProviderInput {
  contentType: string;
  /** Opens the bytes (from R2); called at most once per use. */
  open(): Promise<ReadableStream<Uint8Array>>;
  /** A URL the provider can fetch (a short-lived signed link), for providers that take URLs. */
  url?: string;
}

/** One finished output: its bytes as a stream and what is known of it. */
export interface ProviderOutput {
  contentType: string;
  body: ReadableStream<Uint8Array>;
  /** Byte length when known (R2 needs it for a single-part streaming put). */
  bytes?: number;
  width?: number;
  height?: number;
  durationMs?: number;
  /** For videos: a still (PNG/JPEG/WebP bytes) the consumer turns into the gallery thumbnail. */
  poster?: { contentType: string; bytes: Uint8Array };
}

export type ProviderResult =
  | { state: "succeeded"; outputs: ProviderOutput[]; modelVersion?: string }
  | {
      state: "pending";
      providerJobId: string;
      queuePosition?: number;
      modelVersion?: string;
      /** When the provider knows it, how long until asking again is worthwhile (replaces the poll backoff). */
      checkAgainSeconds?: number;
    }
  | { state: "failed"; error: ProviderFailure };

/** A failure as the user will read it, and whether trying again may help. */
export interface ProviderFailure {
  retryable: boolean;
  code: string;
  /** Short, user-readable reason ("The provider refused this prompt."). */
  message: string;
  retryAfterSeconds?: number;
}

/** A verified provider callback: which provider job it is about and what it says. */
export interface ProviderWebhook {
  providerJobId: string;
  result: ProviderResult;
}

export interface Provider {
  readonly id: string;
  /** Starts an attempt. Synchronous providers answer `succeeded`/`failed`; asynchronous ones `pending`. */
  submit(request: ProviderRequest): Promise<ProviderResult>;
  /** Polls an asynchronous job. */
  status(providerJobId: string, request: ProviderRequest): Promise<ProviderResult>;
  /** Asks the provider to stop; resolves false when it cannot (already running or unsupported). */
  cancel(providerJobId: string, request: ProviderRequest): Promise<boolean>;
  /** Verifies a callback on its raw body and maps it; null when the signature or shape is wrong. */
  parseWebhook(rawBody: string, headers: Headers): Promise<ProviderWebhook | null>;
}
