import { type ModelDef, sizeFor } from "../../shared/models";
import { findManyMedia } from "../media/gallery";
import type { GenerationDeps } from "./deps";
import type { JobRow } from "./jobs-store";
import type { ProviderInput, ProviderRequest } from "./providers/types";

/** A reference image vanished (deleted by its owner) between submit and run. */
export class MissingInputError extends Error {
  constructor() {
    super("A reference image was deleted before it could be used.");
    this.name = "MissingInputError";
  }
}

/** Where a provider calls back for this job; the token proves the call is about this attempt. */
function callbackUrl(publicUrl: string, provider: string, jobId: string, token: string): string {
  const url = new URL(`/webhooks/providers/${encodeURIComponent(provider)}`, publicUrl);
  url.searchParams.set("job", jobId);
  url.searchParams.set("token", token);
  return url.toString();
}

/** Where a provider that takes URLs fetches reference image `index` while the attempt runs. */
function inputUrl(publicUrl: string, provider: string, jobId: string, index: number, token: string): string {
  const url = new URL(`/webhooks/providers/${encodeURIComponent(provider)}/jobs/${jobId}/inputs/${index}`, publicUrl);
  url.searchParams.set("token", token);
  return url.toString();
}

/** The job's reference images, in the order asked for, readable from R2. */
async function inputsOf(deps: GenerationDeps, job: JobRow, ids: string[], link?: (index: number) => string): Promise<ProviderInput[]> {
  if (ids.length === 0) return [];
  const rows = await findManyMedia(deps.db, job.userId, ids);
  return ids.map((id, index) => {
    const row = rows.find((r) => r.id === id);
    if (!row) throw new MissingInputError();
    const input: ProviderInput = {
      contentType: row.contentType,
      open: async () => {
        const object = await deps.bucket.get(row.r2Key);
        if (!object) throw new MissingInputError();
        return object.body;
      },
    };
    if (link) input.url = link(index);
    return input;
  });
}

/**
 * What the adapter is given for the job's current attempt. With a `token` (at submit) it carries
 * the callback URL (when the provider calls back) and links to the reference images.
 */
export async function providerRequest(
  deps: GenerationDeps,
  job: JobRow,
  model: ModelDef,
  options: { token?: string; webhooks: boolean },
): Promise<ProviderRequest> {
  const { params } = job;
  const { width, height } = sizeFor(model, params.aspectRatio);
  const token = options.token;
  const link = token ? (index: number) => inputUrl(deps.publicUrl, job.provider, job.id, index, token) : undefined;
  const request: ProviderRequest = {
    jobId: job.id,
    providerModel: model.providerModel,
    kind: model.kind,
    prompt: job.prompt,
    aspectRatio: params.aspectRatio,
    width,
    height,
    count: params.count,
    inputs: await inputsOf(deps, job, params.inputMediaIds, link),
    attemptKey: `${job.id}:${job.attempts}`,
  };
  if (params.negativePrompt) request.negativePrompt = params.negativePrompt;
  if (params.seed !== undefined) request.seed = params.seed;
  if (params.durationSeconds !== undefined) request.durationSeconds = params.durationSeconds;
  if (token && options.webhooks) request.callbackUrl = callbackUrl(deps.publicUrl, job.provider, job.id, token);
  return request;
}
