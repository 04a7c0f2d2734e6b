import type { CreateApiKeyBody } from "../../../shared/developers";
import { answer, client, done } from "./client";

const keys = client.api.developers.keys;

/** Account → Developers: the person's API keys. */
export const developersApi = {
  /** The live keys, newest first (never their secrets). */
  keys: async () => (await answer(keys.$get())).keys,
  /** Makes a key; the answer carries its secret, this once. */
  createKey: (json: CreateApiKeyBody) => answer(keys.$post({ json })),
  revokeKey: (id: string) => done(keys[":id"].$delete({ param: { id: encodeURIComponent(id) } })),
};
