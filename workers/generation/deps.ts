import type { JobView } from "../../shared/generation";
import { accountFor } from "../credits/account-client";
import type { AccountApi } from "../credits/contract";
import { type Database, database } from "../db/client";
import { emitJobEvent } from "../developers/webhooks/events";
import { enqueueDeliveries } from "../developers/webhooks/queue";
import { emailSenderFor } from "../lib/email/select";
import { emailJobReady } from "../notifications/job-ready";
import { credentialSigner, type SignerSource } from "../provenance/c2pa/signer";
import type { GenerationMessage } from "./messages";
import { type OptionalBindings, type ProviderRegistry, providersFromEnv } from "./providers/registry";

/** Sends one queue message, optionally delayed (seconds). */
type Enqueue = (message: GenerationMessage, delaySeconds?: number) => Promise<void>;

/**
 * Everything the generation domain touches, passed in so tests can swap any part (a fake
 * provider, a recording queue, a fixed clock) while D1, R2 and the Account objects stay real.
 */
export interface GenerationDeps {
  db: Database;
  bucket: R2Bucket;
  enqueue: Enqueue;
  accounts: (userId: string) => AccountApi;
  providers: ProviderRegistry;
  /** The site's public origin; provider callbacks and input links are built on it. */
  publicUrl: string;
  now: () => number;
  random: () => number;
  /** Signs the outputs' Content Credentials (imported on first use); null without its secrets. */
  signer: SignerSource | null;
  /** Tells the person's webhook endpoints that a job of theirs ended (developers/webhooks). */
  jobEnded: (userId: string, view: JobView) => Promise<void>;
  /** A job ended while no tab of the person was open: their product email, if they want one (notifications). */
  jobEndedUnseen: (userId: string, view: JobView) => Promise<void>;
}

/** The real dependencies of a Worker invocation (a request passes the drizzle client it already has). */
export function generationDeps(env: Env & OptionalBindings, overrides: Partial<GenerationDeps> = {}): GenerationDeps {
  const db = overrides.db ?? database(env.DB);
  return {
    db,
    bucket: env.MEDIA,
    enqueue: async (message, delaySeconds) => {
      await env.GENERATION_QUEUE.send(message, delaySeconds ? { delaySeconds } : undefined);
    },
    accounts: (userId) => accountFor(env, userId),
    providers: providersFromEnv(env),
    publicUrl: env.PUBLIC_URL,
    now: Date.now,
    random: Math.random,
    signer: credentialSigner(env),
    jobEnded: (userId, view) =>
      emitJobEvent({ db: overrides.db ?? database(env.DB), now: Date.now, enqueue: enqueueDeliveries(env) }, userId, view),
    jobEndedUnseen: async (userId, view) => {
      await emailJobReady(
        { db, sender: emailSenderFor(env, db), publicUrl: env.PUBLIC_URL, secret: env.JWT_SECRET, now: Date.now },
        userId,
        view,
      );
    },
    ...overrides,
  };
}
