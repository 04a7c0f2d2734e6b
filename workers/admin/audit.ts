import { eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../db/client";
import { auditLog, users } from "../db/schema";
import { newId } from "../lib/ids";

/** What an audit row says about the call, besides who made it and when. */
export interface AuditSubject {
  /** The person whose data was read or changed. */
  targetUserId?: string | null;
  /** The object acted on besides the user, as `kind:id` (`job:…`, `payment:…`, `thread:…`). */
  targetObject?: string | null;
  /** The reason staff gave (required by every staff write). */
  reason?: string | null;
}

/** The staff member behind a call, as the audit row names them. */
export interface AuditActor {
  userId: string;
  role: "support" | "admin";
  requestId: string;
}

/**
 * One staff call's audit row: exactly one per call. A handler says what the call was about with
 * `about`; a write whose effect is a D1 batch puts `statement()` into that batch, so the change and
 * its row commit together. Any other call's row is written by the guard once the answer is known.
 */
export class AuditTrail {
  private subject: AuditSubject = {};
  /** The id of the row handed to the handler's batch, if one was. */
  private batchedId: string | null = null;

  constructor(
    private readonly db: Database,
    private readonly actor: AuditActor,
    readonly action: string,
    private readonly now: () => number,
  ) {}

  /** Names the target of the call (merged with what was said before). */
  about(subject: AuditSubject): void {
    this.subject = { ...this.subject, ...subject };
  }

  /** The row of a successful write, for the handler's own D1 batch. At most once per call. */
  statement(subject: AuditSubject = {}): BatchItem<"sqlite"> {
    if (this.batchedId) throw new Error(`audit: ${this.action} asked for its row twice`);
    this.about(subject);
    this.batchedId = newId(this.now());
    return this.insert(this.batchedId, "ok", 200);
  }

  /**
   * Writes the row, once the call's answer is known, unless the handler's batch already did. A
   * batch is one transaction: if the call failed after handing out its row, the row is there only
   * if the batch committed, so that one case is looked up.
   */
  async finish(status: number): Promise<void> {
    if (this.batchedId) {
      if (status < 400) return;
      const committed = await this.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.id, this.batchedId)).get();
      if (committed) return;
    }
    await this.insert(newId(this.now()), status < 400 ? "ok" : "refused", status);
  }

  private insert(id: string, outcome: "ok" | "refused", status: number) {
    return this.db.insert(auditLog).values({
      id,
      actorId: this.actor.userId,
      actorRole: this.actor.role,
      action: this.action,
      outcome,
      status,
      targetUserId: this.subject.targetUserId ? existingUser(this.subject.targetUserId) : null,
      targetObject: this.subject.targetObject ?? null,
      reason: this.subject.reason ?? null,
      requestId: this.actor.requestId,
      createdAt: this.now(),
    });
  }
}

/**
 * The target as the row may name it: the id while its user row exists, else NULL. A call about a
 * person erased a moment before (the console re-reading the page it just deleted from) would
 * otherwise write their id back after the purge pseudonymised every row about them. Decided in the
 * insert itself, so a purge committing in between cannot slip past it.
 */
function existingUser(userId: string) {
  return sql<string | null>`(SELECT ${users.id} FROM ${users} WHERE ${users.id} = ${userId})`;
}
