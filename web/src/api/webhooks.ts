import type { CreateWebhookBody } from "../../../shared/webhooks";
import { answer, client, done } from "./client";

const webhooks = client.api.developers.webhooks;
const one = (id: string) => ({ param: { id: encodeURIComponent(id) } });

/** Account → Developers: the person's webhook endpoints and their delivery logs. */
export const webhooksApi = {
  /** The endpoints, with whether each is on (never their secrets). */
  endpoints: async () => (await answer(webhooks.$get())).endpoints,
  /** Adds an endpoint; the answer carries its signing secret, this once. */
  create: (json: CreateWebhookBody) => answer(webhooks.$post({ json })),
  /** Turns an endpoint that was turned off after a day of failures back on. */
  enable: async (id: string) => (await answer(webhooks[":id"].$patch({ ...one(id), json: { enabled: true } }))).endpoint,
  remove: (id: string) => done(webhooks[":id"].$delete(one(id))),
  /** A new signing secret, shown this once; the old one keeps signing until `endpoint.previousSecretUntil`. */
  rotateSecret: (id: string) => answer(webhooks[":id"]["rotate-secret"].$post(one(id))),
  /** Queues a `webhook.test` event to this endpoint alone. */
  sendTest: (id: string) => answer(webhooks[":id"].test.$post(one(id))),
  /** The newest 50 deliveries, newest first. */
  deliveries: async (id: string) => (await answer(webhooks[":id"].deliveries.$get(one(id)))).deliveries,
};
