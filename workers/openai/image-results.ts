import type { ImageData, ImagesResponse } from "../../shared/openai-images";
import type { Database } from "../db/client";
import type { JobRow } from "../generation/jobs-store";
import { toBase64 } from "../lib/crypto";
import { mediaOfJobs } from "../media/gallery";
import { createShare } from "../media/shares";
import { OpenAiError } from "./errors";

/** How long a result's `url` works: long enough to fetch it, short enough not to become a public address. */
const URL_LIFETIME_SECONDS = 60 * 60;

const FORMATS: Record<string, ImagesResponse["output_format"]> = { "image/png": "png", "image/jpeg": "jpeg", "image/webp": "webp" };

/** A finished job that did not succeed, in OpenAI's terms; its credits were released with the failure. */
function failure(job: JobRow): OpenAiError {
  if (job.errorCode === "refused") {
    return new OpenAiError(
      400,
      "The provider refused this prompt. Nothing was charged.",
      "invalid_request_error",
      "content_policy_violation",
      "prompt",
    );
  }
  const why = job.status === "canceled" ? "was canceled" : `failed (${job.errorMessage ?? job.errorCode ?? "provider error"})`;
  return new OpenAiError(500, `The generation ${why}. Its credits were refunded.`, "server_error", "server_error");
}

/**
 * The answer for a finished job: each picture as a link (a share link of an hour to the gallery item,
 * which its owner sees and can revoke in the gallery) or as base64 bytes read from storage.
 */
export async function imagesResponse(
  deps: { db: Database; bucket: R2Bucket; now: number; origin: string },
  job: JobRow,
  format: "url" | "b64_json",
): Promise<ImagesResponse> {
  if (job.status !== "succeeded") throw failure(job);
  const items = await mediaOfJobs(deps.db, job.userId, [job.id]);
  const data: ImageData[] = [];
  for (const item of items) {
    if (format === "url") {
      const share = await createShare(deps.db, item, { ttlSeconds: URL_LIFETIME_SECONDS, showPrompt: false }, deps.now, deps.origin);
      data.push({ url: share.url });
      continue;
    }
    const object = await deps.bucket.get(item.r2Key);
    if (!object) throw new OpenAiError(500, "A result's file is missing from storage.", "server_error", "server_error");
    data.push({ b64_json: toBase64(new Uint8Array(await object.arrayBuffer())) });
  }
  const response: ImagesResponse = { created: Math.floor(job.createdAt / 1000), data };
  const outputFormat = items[0] ? FORMATS[items[0].contentType] : undefined;
  if (outputFormat) response.output_format = outputFormat;
  return response;
}
