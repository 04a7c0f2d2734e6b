import { TERMINAL_STATUSES } from "../../shared/generation";
import { findModel } from "../../shared/models";
import { sha256Hex, timingSafeEqual } from "../lib/crypto";
import { AppError } from "../lib/errors";
import { isId } from "../lib/ids";
import { findMedia } from "../media/gallery";
import type { GenerationDeps } from "./deps";
import { type JobRow, jobById } from "./jobs-store";
import { handleResult } from "./outcome";
import { settle } from "./settlement";

const encoder = new TextEncoder();
const unknownJob = () => new AppError("not_found", "Not found.");

/**
 * The job a provider-facing URL names, if the token in it is the current attempt's. Anything
 * else (unknown job, another provider, a wrong or old token) is answered as not found.
 */
async function jobForToken(deps: GenerationDeps, provider: string, jobId: string, token: string): Promise<JobRow> {
  const job = isId(jobId) ? await jobById(deps.db, jobId) : null;
  if (!job || job.provider !== provider || !job.callbackTokenHash || token.length === 0) throw unknownJob();
  const given = encoder.encode(await sha256Hex(token));
  if (!timingSafeEqual(given, encoder.encode(job.callbackTokenHash))) throw unknownJob();
  return job;
}

/**
 * `POST /webhooks/providers/:provider?job=&token=`: a provider's completion callback. The URL's
 * token ties it to one job's current attempt; the provider's own signature (checked by its
 * adapter) proves who sent it. Then it is settled exactly like a poll result would be: the
 * job's compare-and-set guards make a repeated or late delivery change nothing.
 */
export async function acceptWebhook(
  deps: GenerationDeps,
  providerId: string,
  query: { job?: string; token?: string },
  rawBody: string,
  headers: Headers,
): Promise<void> {
  const entry = deps.providers.get(providerId);
  if (!entry) throw unknownJob();
  const job = await jobForToken(deps, providerId, query.job ?? "", query.token ?? "");
  const webhook = await entry.provider.parseWebhook(rawBody, headers);
  if (!webhook) throw new AppError("unauthenticated", "The callback's signature is not valid.");
  if (TERMINAL_STATUSES.includes(job.status)) return settle(deps, job);
  const model = findModel(job.model);
  if (job.status !== "running" || !model) return;
  if (job.providerJobId !== null && webhook.providerJobId !== job.providerJobId) return;
  const providerMs = deps.now() - (job.attemptStartedAt ?? job.createdAt);
  await handleResult(deps, job, model, entry, webhook.result, { via: "webhook", poll: job.polls, pollFailures: 0, providerMs });
}

/**
 * `GET /webhooks/providers/:provider/jobs/:jobId/inputs/:index?token=`: a reference image, for
 * providers that fetch inputs by URL. Only while the attempt whose token it is runs.
 */
export async function openInput(
  deps: GenerationDeps,
  providerId: string,
  jobId: string,
  index: number,
  token: string,
): Promise<{ body: ReadableStream; contentType: string; bytes: number }> {
  const job = await jobForToken(deps, providerId, jobId, token);
  const mediaId = job.params.inputMediaIds[index];
  if (job.status !== "running" || !mediaId) throw unknownJob();
  const row = await findMedia(deps.db, job.userId, mediaId);
  const object = row ? await deps.bucket.get(row.r2Key) : null;
  if (!row || !object) throw unknownJob();
  return { body: object.body, contentType: row.contentType, bytes: object.size };
}
