import { and, between, eq, isNull, lt, notExists, sql } from "drizzle-orm";
import { accountFor } from "../credits/account-client";
import type { AccountApi } from "../credits/contract";
import { ledgerKey } from "../credits/operations";
import { type Database, database } from "../db/client";
import { creditLedger, users, welcomeGrants } from "../db/schema";
import { welcomeAddressHash } from "./welcome-address";

const MINUTE = 60_000;
/** The backstop looks this far back for verified accounts whose claim never got written. */
const UNCLAIMED_WINDOW_MS = 24 * 60 * MINUTE;
const BACKSTOP_BATCH = 100;
/** How long an address's welcome record is kept (docs/privacy.md): after that the address could earn the credits once more. */
export const WELCOME_RECORD_RETENTION_MS = 3 * 365 * 24 * 60 * MINUTE;

/** What the welcome grant needs: how many credits (`SIGNUP_CREDITS`), the address-hash key, the database and the user's Account object. */
export interface WelcomeCreditDeps {
  signupCredits: number;
  emailHashSecret: string;
  db: Database;
  now: number;
  account(userId: string): Pick<AccountApi, "grant">;
}

/** The welcome grant's dependencies from the Worker's bindings. */
export function welcomeCreditDeps(
  env: Pick<Env, "SIGNUP_CREDITS" | "ACCOUNT" | "EMAIL_HASH_SECRET" | "DB">,
  db = database(env.DB),
  now = Date.now(),
): WelcomeCreditDeps {
  return {
    signupCredits: Number.parseInt(env.SIGNUP_CREDITS, 10) || 0,
    emailHashSecret: env.EMAIL_HASH_SECRET,
    db,
    now,
    account: (userId) => accountFor(env, userId),
  };
}

type WelcomeOutcome = "granted" | "already_claimed" | "none_configured";

/**
 * Called when `email` has just been verified for `userId`: claims the address's welcome grant (one
 * per address as welcome-address.ts normalises it, and one per account), then grants it. The claim
 * is the `welcome_grants` row; the grant is keyed by the user id, so the backstop can repeat it
 * after a failure and it still arrives once. An address claimed before, by this account under
 * another address or by any account (erased ones included), gets nothing.
 */
async function claimWelcomeCredits(deps: WelcomeCreditDeps, userId: string, email: string): Promise<WelcomeOutcome> {
  if (deps.signupCredits <= 0) return "none_configured";
  const emailHash = await welcomeAddressHash(deps.emailHashSecret, email);
  // One statement, so two verifications racing cannot both claim: the primary key admits one
  // claim per address, and the NOT EXISTS one claim per account (an account that changes its address keeps its first).
  await deps.db.run(sql`
    INSERT INTO welcome_grants (email_hash, user_id, created_at)
    SELECT ${emailHash}, ${userId}, ${deps.now}
    WHERE NOT EXISTS (SELECT 1 FROM welcome_grants WHERE user_id = ${userId})
    ON CONFLICT (email_hash) DO NOTHING`);
  const claim = await deps.db.select().from(welcomeGrants).where(eq(welcomeGrants.emailHash, emailHash)).get();
  if (claim?.userId !== userId) return "already_claimed";
  if (claim.grantedAt === null) await grantClaimed(deps, userId);
  return "granted";
}

/** The grant of a claimed address, then the note that it landed (the ledger key makes a repeat a no-op). */
async function grantClaimed(deps: WelcomeCreditDeps, userId: string): Promise<void> {
  const result = await deps.account(userId).grant(userId, deps.signupCredits, "signup", null, "Welcome credits");
  if (!result.ok) throw new Error(`welcome grant refused: ${result.code}`);
  await deps.db
    .update(welcomeGrants)
    .set({ grantedAt: deps.now })
    .where(and(eq(welcomeGrants.userId, userId), isNull(welcomeGrants.grantedAt)));
}

/**
 * `claimWelcomeCredits` for a verification request: a failure is logged, never the request's
 * error (the address is verified either way), and the cron backstop finishes the grant later.
 */
export async function claimWelcomeCreditsOrLog(deps: WelcomeCreditDeps, userId: string, email: string): Promise<void> {
  await claimWelcomeCredits(deps, userId, email).catch((error: unknown) => logFailure(userId, error));
}

function logFailure(userId: string, error: unknown): void {
  console.error(JSON.stringify({ level: "error", event: "welcome_credits_failed", userId, error: String(error) }));
}

/**
 * Cron task: records past their retention are deleted; then the backstop for the same rule:
 * claims whose grant failed are granted (same key, so once),
 * and recently verified live accounts with no claim of their own and no welcome grant in the
 * ledger (the claim itself failed) get their claim tried again — which refuses an address already claimed.
 */
export async function grantMissedWelcomeCredits(env: Env, now: number): Promise<void> {
  const deps = welcomeCreditDeps(env, database(env.DB), now);
  const db = deps.db;
  // The retention limit: records older than it go (a live account still keeps its one grant: the ledger key is per account).
  await db.delete(welcomeGrants).where(lt(welcomeGrants.createdAt, now - WELCOME_RECORD_RETENTION_MS));
  if (deps.signupCredits <= 0) return;
  const pending = await db
    .select({ id: users.id })
    .from(welcomeGrants)
    .innerJoin(users, eq(users.id, welcomeGrants.userId))
    .where(and(isNull(welcomeGrants.grantedAt), isNull(users.deletedAt), lt(welcomeGrants.createdAt, now - MINUTE)))
    .limit(BACKSTOP_BATCH);
  // One account's failure (logged) does not hold up the others.
  for (const { id } of pending) await grantClaimed(deps, id).catch((error: unknown) => logFailure(id, error));
  const claimed = db.select({ one: sql`1` }).from(welcomeGrants).where(eq(welcomeGrants.userId, users.id));
  const granted = db
    .select({ one: sql`1` })
    .from(creditLedger)
    .where(and(eq(creditLedger.userId, users.id), eq(creditLedger.idempotencyKey, sql`${ledgerKey.grant("")} || ${users.id}`)));
  const unclaimed = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      and(
        between(users.emailVerifiedAt, now - UNCLAIMED_WINDOW_MS, now - MINUTE),
        isNull(users.deletedAt),
        notExists(claimed),
        notExists(granted),
      ),
    )
    .limit(BACKSTOP_BATCH);
  for (const { id, email } of unclaimed) await claimWelcomeCredits(deps, id, email).catch((error: unknown) => logFailure(id, error));
}

/** For the account purge's last batch: the welcome record stays (fraud prevention) but no longer names the account. */
export function forgetWelcomeClaimant(db: Database, userId: string) {
  return db.update(welcomeGrants).set({ userId: null }).where(eq(welcomeGrants.userId, userId));
}
