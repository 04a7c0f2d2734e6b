import { DurableObject } from "cloudflare:workers";

/** One per user: the single writer of that user's credits and the hub of their live connections. */
export class Account extends DurableObject<Env> {}
