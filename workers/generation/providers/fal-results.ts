import { z } from "zod";
import { isRecord, retryAfterSeconds } from "./http/call";
import type { OutputLink } from "./http/download";
import { failure } from "./http/failures";
import type { ProviderFailure } from "./types";

const fileSchema = z.object({
  url: z.string(),
  content_type: z.string().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});
const outputSchema = z.object({
  images: z.array(fileSchema).optional(),
  image: fileSchema.optional(),
  video: fileSchema.optional(),
  has_nsfw_concepts: z.array(z.boolean()).optional(),
});

/**
 * The media links in a fal model output (`images[]`, `image` or `video`). Images fal's safety
 * checker flagged come back blacked out, so they are dropped; if none is left the prompt was refused.
 */
export function outputLinks(json: unknown): OutputLink[] | ProviderFailure {
  const parsed = outputSchema.safeParse(json);
  if (!parsed.success) return failure("bad_response");
  const { images, image, video, has_nsfw_concepts: flagged } = parsed.data;
  const toLink = (kind: "image" | "video") => (file: z.infer<typeof fileSchema>) => ({
    url: file.url,
    kind,
    contentType: file.content_type,
    width: file.width,
    height: file.height,
  });
  if (video) return [toLink("video")(video)];
  const all = (images ?? (image ? [image] : [])).map(toLink("image"));
  if (all.length === 0) return failure("bad_response");
  const kept = all.filter((_, i) => flagged?.[i] !== true);
  return kept.length > 0 ? kept : failure("refused");
}

const detailItem = z.object({ msg: z.string().optional(), type: z.string().optional(), loc: z.array(z.unknown()).optional() });

/**
 * fal's error answers: model errors carry a `detail` array (422; `content_policy_violation` means a
 * refusal), infrastructure errors a `detail` string and `error_type`. 429, 5xx and timeouts are
 * transient; `X-Fal-Retryable` is fal's own verdict and wins when present.
 */
export function falFailure(status: number, body: unknown, headers: Headers | null, nowMs: number): ProviderFailure {
  const detail = isRecord(body) ? body.detail : undefined;
  const items = Array.isArray(detail) ? detail.map((item) => detailItem.safeParse(item).data ?? {}) : [];
  const hint = headers?.get("x-fal-retryable")?.toLowerCase();
  const retryable = hint === "true" ? true : hint === "false" ? false : undefined;
  if (status === 401 || status === 403) return failure("provider_unavailable");
  if (status === 429) return failure("rate_limited", { retryAfterSeconds: headers ? retryAfterSeconds(headers, nowMs) : undefined });
  if (items.some((item) => item.type === "content_policy_violation")) return failure("refused", { retryable });
  if (items.length > 0) {
    const first = items[0];
    const where = first?.loc?.filter((part) => part !== "body").join(".");
    return failure("invalid_input", { retryable, detail: [where, first?.msg].filter(Boolean).join(": ") });
  }
  if (status >= 500 || status === 408) return failure("provider_error", { retryable });
  if (status === 404) return failure("provider_unavailable", { retryable });
  return failure("generation_failed", { retryable, detail: typeof detail === "string" ? detail : undefined });
}
