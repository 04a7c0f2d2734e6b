import { answer, client } from "./client";

/** The signed-in person's credit ledger. */
export const creditsApi = {
  ledger: (limit: number, cursor?: string | null) =>
    answer(client.api.credits.ledger.$get({ query: { limit: String(limit), ...(cursor ? { cursor } : {}) } })),
};
