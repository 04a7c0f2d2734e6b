import type { JobStatus } from "../../../shared/generation";
import type { GenerationRequest } from "../../../shared/generation-requests";
import { trackFeature } from "../lib/usage";
import { answer, client } from "./client";

const generations = client.api.generations;

/** The model catalog and the signed-in person's generations. */
export const generationApi = {
  models: async () => (await answer(client.api.models.$get())).models,
  create: async (json: GenerationRequest, idempotencyKey: string) => {
    const { job } = await answer(generations.$post({ json }, { headers: { "Idempotency-Key": idempotencyKey } }));
    trackFeature("generate");
    return job;
  },
  job: async (id: string) => (await answer(generations[":id"].$get({ param: { id: encodeURIComponent(id) } }))).job,
  list: (options: { cursor?: string | null; status?: JobStatus | null; limit?: number } = {}) =>
    answer(
      generations.$get({
        query: {
          limit: String(options.limit ?? 20),
          ...(options.cursor ? { cursor: options.cursor } : {}),
          ...(options.status ? { status: options.status } : {}),
        },
      }),
    ),
  cancel: async (id: string) => (await answer(generations[":id"].cancel.$post({ param: { id: encodeURIComponent(id) } }))).job,
};
