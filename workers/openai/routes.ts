import type { Context } from "hono";
import { Hono } from "hono";
import { describeRoute, resolver } from "hono-openapi";
import { z } from "zod";
import type { GenerationRequest } from "../../shared/generation-requests";
import { UPLOAD_MAX_BYTES } from "../../shared/media";
import type { ModelDef } from "../../shared/models";
import { type ImageEditBody, imageEditSchema, imageGenerationSchema } from "../../shared/openai-images";
import type { AppEnv } from "../app-env";
import { type CallerEnv, requireCaller, spenderOf } from "../developers/caller";
import { availableModel, availableModels } from "../generation/catalog";
import { type GenerationDeps, generationDeps } from "../generation/deps";
import { enforceGenerationLimits } from "../generation/limits";
import { providersFromEnv } from "../generation/providers/registry";
import { submitGeneration } from "../generation/submit";
import { jsonBody, jsonGuard, parseOrThrow } from "../lib/validate";
import { storageQuotaBytes } from "../media/quota";
import { createUpload } from "../media/uploads";
import { awaitFinishedJob } from "./await-job";
import { invalidParam, OpenAiError, openAiOnError } from "./errors";
import { imageModel, toGenerationRequest } from "./image-request";
import { imagesResponse } from "./image-results";

/** The most reference images one edit takes; each is at most an upload's size. */
const EDIT_IMAGES_MAX = 4;
const EDIT_BODY_MAX = EDIT_IMAGES_MAX * UPLOAD_MAX_BYTES + 64 * 1024;

/** Starts the job as `POST /api/generations` would (same limits, holds, refunds), waits for it, answers OpenAI's way. */
async function generateAndAnswer(
  c: Context<CallerEnv>,
  deps: GenerationDeps,
  model: ModelDef,
  request: GenerationRequest,
  format: "url" | "b64_json",
): Promise<Response> {
  const now = Date.now();
  const { caller } = c.var;
  await enforceGenerationLimits(c.env.DB, c.req.raw.headers, caller.userId, now);
  const { job } = await submitGeneration(deps, caller.userId, request, undefined, spenderOf(caller, now));
  // The job's deadline as submit set it: its creation plus the model's allowance.
  const deadlineAt = job.createdAt + model.deadlineSeconds * 1000;
  const finished = await awaitFinishedJob(deps, { id: job.id, userId: caller.userId, deadlineAt });
  const body = await imagesResponse(
    { db: deps.db, bucket: c.env.MEDIA, now: Date.now(), origin: new URL(c.req.url).origin },
    finished,
    format,
  );
  c.header("Cache-Control", "no-store");
  return c.json(body);
}

/** The edit's multipart body for the OpenAPI document: the form fields' schema plus the files (read by hand below). */
const EDIT_SPEC = {
  requestBody: {
    required: true,
    content: {
      "multipart/form-data": {
        schema: resolver(
          imageEditSchema.extend({ image: z.file().meta({ description: `Up to ${EDIT_IMAGES_MAX} images; also as image[].` }) }),
        ),
      },
    },
  },
};

/** The files of an edit's `image` / `image[]` fields, each a picture of at most an upload's size. */
function editImages(form: Record<string, unknown>): File[] {
  const values = [form.image, form["image[]"]].flat().filter((v) => v !== undefined);
  if (values.length === 0) throw invalidParam("image", "Send at least one image file as `image` (or `image[]`).");
  if (values.length > EDIT_IMAGES_MAX) throw invalidParam("image", `Send at most ${EDIT_IMAGES_MAX} images.`);
  if (!values.every((v) => v instanceof File)) throw invalidParam("image", "`image` must be a file.");
  return values as File[];
}

/** The form's text fields, as the schema reads them (`n` as a number). */
function editFields(form: Record<string, unknown>): ImageEditBody {
  const { image: _image, "image[]": _images, mask: _mask, ...fields } = form;
  if (Object.values(fields).some((v) => typeof v !== "string")) throw invalidParam("prompt", "Only `image` and `mask` may be files.");
  return parseOrThrow(imageEditSchema, fields);
}

/**
 * `/v1`: the OpenAI Images API over Ausar's models, credits and gallery (docs/api.md), for API keys
 * only. Synchronous like OpenAI's: the answer comes when the job is done. Errors in OpenAI's shape.
 */
export const openAiRoutes = new Hono<AppEnv>()
  // The same body cap and malformed-JSON answer as /api, here in OpenAI's shape.
  .use("/v1/*", jsonGuard)
  .get("/v1/models", requireCaller("generate", { keyOnly: true }), (c) => {
    const data = availableModels(providersFromEnv(c.env))
      .filter((model) => model.kind === "image")
      .map((model) => ({ id: model.id, object: "model" as const, created: 0, owned_by: model.provider }));
    return c.json({ object: "list" as const, data });
  })
  .post("/v1/images/generations", requireCaller("generate", { keyOnly: true }), jsonBody(imageGenerationSchema), async (c) => {
    const body = c.req.valid("json");
    const deps = generationDeps(c.env, { db: c.var.db });
    const model = imageModel(availableModel(deps.providers, body.model), body.model);
    return generateAndAnswer(c, deps, model, toGenerationRequest(model, body), body.response_format ?? "url");
  })
  .post("/v1/images/edits", requireCaller("generate", { keyOnly: true }), describeRoute(EDIT_SPEC), async (c) => {
    const length = Number(c.req.header("Content-Length") ?? Number.NaN);
    if (length > EDIT_BODY_MAX)
      throw new OpenAiError(413, `Send at most ${EDIT_IMAGES_MAX} images of 20 MB each.`, "invalid_request_error", "invalid_request");
    if (!c.req.header("Content-Type")?.startsWith("multipart/form-data")) {
      throw new OpenAiError(
        400,
        "Send the edit as multipart/form-data with `image` and `prompt`.",
        "invalid_request_error",
        "invalid_request",
      );
    }
    const form = await c.req.parseBody({ all: true });
    const fields = editFields(form);
    const files = editImages(form);
    const deps = generationDeps(c.env, { db: c.var.db });
    const model = imageModel(availableModel(deps.providers, fields.model), fields.model);
    if (model.inputs.max < files.length) {
      throw invalidParam("image", `${model.id} takes ${model.inputs.max === 0 ? "no reference images" : `at most ${model.inputs.max}`}.`);
    }
    // The images become uploads in the gallery, like references chosen in the web app.
    const uploadDeps = { db: c.var.db, env: c.env, now: Date.now(), quotaBytes: storageQuotaBytes(c.env) };
    const uploads = [];
    for (const file of files) uploads.push(await createUpload(uploadDeps, c.var.caller.userId, new Uint8Array(await file.arrayBuffer())));
    const request = toGenerationRequest(
      model,
      fields,
      uploads.map((u) => u.id),
    );
    return generateAndAnswer(c, deps, model, request, fields.response_format ?? "url");
  })
  .all("/v1/*", () => {
    throw new OpenAiError(
      404,
      "There is no such endpoint. Ausar offers /v1/models, /v1/images/generations and /v1/images/edits.",
      "invalid_request_error",
      "not_found",
    );
  });

openAiRoutes.onError(openAiOnError);
