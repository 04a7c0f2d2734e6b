import type { JobView, ModelView } from "../../../../shared/generation";
import type { MediaView } from "../../../../shared/media";
import { upsertJob } from "../../features/generation/job-status";
import { type FormState, parseSeed } from "./form-state";
import { boxesOf, shortPrompt } from "./result-card";

const DRAFT_PREFIX = "draft-";

/** A placeholder shown the moment Generate is pressed, before the server has answered. */
export const isDraft = (job: Pick<JobView, "id">) => job.id.startsWith(DRAFT_PREFIX);

/** The job as the form would start it: its shape, count and price, with no id from the server yet. */
export function draftJob(state: FormState, model: ModelView, cost: number): JobView {
  const seed = parseSeed(state);
  return {
    id: `${DRAFT_PREFIX}${crypto.randomUUID()}`,
    model: model.id,
    kind: model.kind,
    status: "queued",
    cost,
    prompt: state.prompt,
    params: {
      aspectRatio: state.aspectRatio,
      count: model.kind === "video" ? 1 : state.count,
      seed: typeof seed === "number" ? seed : undefined,
      durationSeconds: model.durations ? state.durationSeconds : undefined,
      inputMediaIds: state.inputMediaIds,
    },
    media: [],
    createdAt: Date.now(),
    provider: model.provider,
    providerModel: model.providerModel,
    attempts: 0,
  };
}

/**
 * Puts a server view of a job into the feed. The answer to the submit replaces placeholder `draftId`
 * in place; a live message can beat that answer, so an unknown job also takes the place of a
 * placeholder with its prompt and model. Either way the card keeps the placeholder's key (`keys`).
 */
export function replaceDraft(list: JobView[], job: JobView, keys: Map<string, string>, draftId?: string): JobView[] {
  if (!list.some((j) => j.id === job.id)) {
    const index = list.findIndex((j) => (draftId ? j.id === draftId : isDraft(j) && j.prompt === job.prompt && j.model === job.model));
    if (index !== -1) {
      keys.set(job.id, keys.get(list[index]!.id) ?? list[index]!.id);
      const next = [...list];
      next[index] = job;
      return next;
    }
  } else if (draftId) {
    list = list.filter((j) => j.id !== draftId);
  }
  return upsertJob(list, job, { addIfMissing: true });
}

/** The job with one of its media changed (favourite) or removed (`null`, deleted). */
export function withMedia(job: JobView, id: string, media: MediaView | null): JobView {
  if (media) return { ...job, media: job.media.map((m) => (m.id === id ? media : m)) };
  const rest = job.media.filter((m) => m.id !== id);
  // As the API says it: a success with nothing left was deleted (see JobView.mediaDeleted).
  return rest.length === 0 && job.status === "succeeded" ? { ...job, media: rest, mediaDeleted: true } : { ...job, media: rest };
}

/** What the live region says about a job now: start, progress and finish, in plain words. */
export function announcement(job: JobView): string {
  const what = job.kind === "video" ? "a video" : boxesOf(job) === 1 ? "an image" : `${boxesOf(job)} images`;
  const prompt = shortPrompt(job.prompt);
  if (isDraft(job)) return `Starting ${what}: ${prompt}.`;
  switch (job.status) {
    case "queued":
      return job.queuePosition !== undefined
        ? `Queued, number ${job.queuePosition + 1} in the provider's queue: ${prompt}.`
        : `Queued: ${prompt}.`;
    case "running":
      return job.attempts > 1 ? `Generating, attempt ${job.attempts}: ${prompt}.` : `Generating ${what}: ${prompt}.`;
    case "succeeded":
      return `Done: ${prompt}. ${job.media.length === 1 ? "1 result" : `${job.media.length} results`} at the top of Results.`;
    case "failed":
      return `Failed: ${prompt}. ${job.error?.message ?? ""} Your credits are returned.`;
    case "canceled":
      return `Canceled: ${prompt}.`;
  }
}
