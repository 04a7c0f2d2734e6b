import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../db/client";
import type { Budget } from "./budget";

/**
 * What a capability contributes to a person's data rights, so that `privacy/` never reads or
 * deletes another capability's tables. Each capability exports one `AccountDataContribution`
 * (from its own `account-data.ts`); `workers/account-data.ts` lists them all, the way
 * `workers/scheduled.ts` lists cron tasks.
 */
export interface AccountDataContribution {
  /** Who owns this contribution (a capability folder name), for logs and the coverage test. */
  capability: string;
  /**
   * Tables that hold rows about a person and that this capability's purge step erases or
   * pseudonymises. The coverage test checks that every table with a user id or email column is
   * named by some contribution or sits on the documented exclusion list.
   */
  tables: readonly string[];
  /** Sections of `ausar-export.json` (section name → rows about the person). */
  exportSections?: (db: Database, userId: string) => Promise<Record<string, unknown>>;
  /**
   * R2 objects to put in the export archive beside the JSON (e.g. gallery files). Called after
   * `exportSections`, with what that returned, so the objects can match the entries listed.
   */
  exportObjects?: (db: Database, userId: string, sections: Record<string, unknown>) => Promise<ExportObject[]>;
  /**
   * Erases what is left of the person in this capability, a chunk at a time: idempotent, spends
   * from `ctx.budget`, and answers true when nothing is left (false: the budget ran out first, and
   * the purge resumes in a fresh invocation).
   */
  purge?: (ctx: PurgeContext) => Promise<boolean>;
  /**
   * Statements for the purge's last batch (one transaction, run in the registry's order, auth's
   * last with the user row itself): pseudonymisation and unlinking of rows that stay.
   */
  finalStatements?: (db: Database, userId: string) => BatchItem<"sqlite">[];
}

/** What a purge step may use. `email` is null once the user row is gone. */
export interface PurgeContext {
  env: Env;
  db: Database;
  d1: D1Database;
  bucket: R2Bucket;
  userId: string;
  email: string | null;
  now: number;
  budget: Budget;
}

/** An R2 object to copy into the export archive, named by the item it belongs to. */
export interface ExportObject {
  mediaId: string;
  r2Key: string;
  contentType: string;
  createdAt: number;
  /**
   * The section entry that lists this object: its `file` is set to the object's path inside the
   * ZIP once the object is in (it stays null if the object is gone by then).
   */
  item?: { file: string | null };
}
