import { z } from "zod";
import { type CreditBalance, LEDGER_KINDS, type LedgerPage } from "../../shared/credits";
import { JOB_STATUSES, type JobListResponse, type JobView } from "../../shared/generation";
import { type MediaListResponse, mediaViewSchema, type StorageUsage } from "../../shared/media";
import { ASPECT_RATIOS } from "../../shared/models";
import type { ImagesResponse } from "../../shared/openai-images";

/**
 * Compile-time proof that a response schema describes exactly the type the route answers with:
 * a field added to (or dropped from) either side stops the build, so the document cannot drift.
 */
function exactly<T>() {
  return <S extends z.ZodType>(schema: S & ([z.output<S>] extends [T] ? ([T] extends [z.output<S>] ? unknown : never) : never)): S =>
    schema;
}

const media = mediaViewSchema;

const job = exactly<JobView>()(
  z.object({
    id: z.string(),
    model: z.string(),
    kind: z.enum(["image", "video"]),
    status: z.enum(JOB_STATUSES),
    cost: z.number().int(),
    prompt: z.string(),
    params: z.object({
      aspectRatio: z.enum(ASPECT_RATIOS),
      count: z.number().int(),
      seed: z.number().int().optional(),
      durationSeconds: z.number().int().optional(),
      negativePrompt: z.string().optional(),
      inputMediaIds: z.array(z.string()),
    }),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    media: z.array(media),
    createdAt: z.number().int(),
    startedAt: z.number().int().optional(),
    finishedAt: z.number().int().optional(),
    provider: z.enum(["demo", "fal", "replicate", "openai-images", "workers-ai"]),
    providerModel: z.string(),
    queuePosition: z.number().int().optional(),
    attempts: z.number().int(),
    refunded: z.number().int().optional(),
    mediaDeleted: z.literal(true).optional(),
  }),
);

const jobList = exactly<JobListResponse>()(z.object({ items: z.array(job), nextCursor: z.string().nullable() }));
const mediaList = exactly<MediaListResponse>()(z.object({ items: z.array(media), nextCursor: z.string().nullable() }));
const storage = exactly<StorageUsage>()(z.object({ bytes: z.number().int(), quotaBytes: z.number().int() }));
const balance = exactly<CreditBalance>()(
  z.object({ available: z.number().int(), held: z.number().int(), debt: z.number().int(), flagged: z.boolean() }),
);
const ledger = exactly<LedgerPage>()(
  z.object({
    items: z.array(
      z.object({
        id: z.string(),
        delta: z.number().int(),
        heldDelta: z.number().int(),
        debtDelta: z.number().int(),
        kind: z.enum(LEDGER_KINDS),
        reference: z.string().nullable(),
        description: z.string(),
        balanceAfter: z.number().int(),
        createdAt: z.number().int(),
      }),
    ),
    nextCursor: z.string().nullable(),
  }),
);
const images = exactly<ImagesResponse>()(
  z.object({
    created: z.number().int(),
    data: z.array(z.object({ url: z.string().optional(), b64_json: z.string().optional() })),
    output_format: z.enum(["png", "jpeg", "webp"]).optional(),
  }),
);
const openAiModels = z.object({
  object: z.literal("list"),
  data: z.array(z.object({ id: z.string(), object: z.literal("model"), created: z.number().int(), owned_by: z.string() })),
});

/** A success answer in the document: its status, what it is, and its body's schema (none for a bodiless 204, a file for binary). */
interface Success {
  status: number;
  description: string;
  body: z.ZodType | "none" | { file: string };
}

const json = (status: number, description: string, body: z.ZodType): Success => ({ status, description, body });
const wrapped = (key: string, schema: z.ZodType) => z.object({ [key]: schema });

/**
 * The success answer of every route a key can call, by `method path` as the document writes it. The
 * document test checks that this covers every key route, so a new one must say what it answers.
 */
export const KEY_ROUTE_ANSWERS: Readonly<Record<string, readonly Success[]>> = {
  "post /api/generations": [
    json(202, "Queued: the job, with its credits held.", wrapped("job", job)),
    json(200, "The same Idempotency-Key again: the job it made.", wrapped("job", job)),
  ],
  "get /api/generations": [json(200, "The caller's jobs, newest first.", jobList)],
  "get /api/generations/{id}": [json(200, "The job.", wrapped("job", job))],
  "post /api/generations/{id}/cancel": [json(200, "The job, canceled (its credits come back).", wrapped("job", job))],
  "get /api/media": [json(200, "The caller's gallery, newest first.", mediaList)],
  "post /api/media/bulk-delete": [json(200, "How many of the items were deleted.", z.object({ deleted: z.number().int() }))],
  "post /api/media/bulk-download": [{ status: 200, description: "A ZIP of the items' files.", body: { file: "application/zip" } }],
  "get /api/media/{id}": [json(200, "The item.", wrapped("media", media))],
  "patch /api/media/{id}": [json(200, "The item, changed.", wrapped("media", media))],
  "delete /api/media/{id}": [{ status: 204, description: "Deleted, with its files.", body: "none" }],
  "post /api/uploads": [json(201, "The uploaded picture, now in the gallery.", wrapped("media", media))],
  "get /api/media/usage": [json(200, "Bytes stored and the quota.", storage)],
  "get /media/{id}": [
    { status: 200, description: "The item's file (Range requests answered with 206).", body: { file: "application/octet-stream" } },
  ],
  "get /media/{id}/thumbnail": [{ status: 200, description: "The item's thumbnail.", body: { file: "image/webp" } }],
  "get /api/credits": [json(200, "The balance.", balance)],
  "get /api/credits/ledger": [json(200, "The ledger, newest first.", ledger)],
  "get /v1/models": [json(200, "The image models, in OpenAI's list shape.", openAiModels)],
  "post /v1/images/generations": [json(200, "The images, in OpenAI's shape.", images)],
  "post /v1/images/edits": [json(200, "The images, in OpenAI's shape.", images)],
};

/** One success answer as an OpenAPI 3.1 response object (JSON Schema 2020-12 bodies). */
export function responseObject(success: Success) {
  if (success.body === "none") return { description: success.description };
  if ("file" in success.body) {
    return {
      description: success.description,
      content: { [success.body.file]: { schema: { type: "string", contentMediaType: success.body.file } } },
    };
  }
  return { description: success.description, content: { "application/json": { schema: z.toJSONSchema(success.body, { io: "output" }) } } };
}
