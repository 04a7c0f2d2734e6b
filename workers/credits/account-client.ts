import { AppError } from "../lib/errors";
import type { AccountApi } from "./contract";

/** The errors the Account object throws (see errors.ts), by name: classes do not survive RPC, names and codes do. */
const REMOTE_CODES = {
  CreditsInputError: "validation_failed",
  CreditsConflictError: "idempotency_conflict",
} as const;

function isRemoteName(name: string): name is keyof typeof REMOTE_CODES {
  return Object.hasOwn(REMOTE_CODES, name);
}

/** Awaits an RPC call and turns the object's typed errors into AppErrors (400 / 409); anything else stays a 500. */
async function call<T>(rpc: () => Promise<T>): Promise<T> {
  try {
    return await rpc();
  } catch (error) {
    if (error instanceof Error && isRemoteName(error.name)) throw new AppError(REMOTE_CODES[error.name], error.message);
    throw error;
  }
}

/**
 * The user's Account Durable Object, typed by its RPC contract. One object per user, named
 * by the user id, so every credit mutation of that user is serialised in one place.
 */
export function accountFor(env: Pick<Env, "ACCOUNT">, userId: string): AccountApi {
  // `Account implements AccountApi` is checked where it is defined; the stub's generated RPC types
  // turn each union result into a union of promises that TypeScript cannot unify, hence the cast.
  const stub = env.ACCOUNT.getByName(userId) as unknown as AccountApi;
  return {
    grant: (key, amount, source, reference, description) => call(() => stub.grant(key, amount, source, reference, description)),
    hold: (jobId, amount, description, spender) => call(() => stub.hold(jobId, amount, description, spender)),
    capture: (jobId) => call(() => stub.capture(jobId)),
    release: (jobId, reason) => call(() => stub.release(jobId, reason)),
    adjust: (key, delta, reason, actor) => call(() => stub.adjust(key, delta, reason, actor)),
    clawback: (key, amount, reference, description) => call(() => stub.clawback(key, amount, reference, description)),
    clearFlag: (key, actor, reason) => call(() => stub.clearFlag(key, actor, reason)),
    balance: () => call(() => stub.balance()),
    publish: (message) => call(() => stub.publish(message)),
    awaitJob: (jobId, timeoutMs) => call(() => stub.awaitJob(jobId, timeoutMs)),
  };
}
