import { TERMINAL_STATUSES } from "../../shared/generation";
import type { AccountApi } from "../credits/contract";
import type { Database } from "../db/client";
import { findJob, type JobRow } from "../generation/jobs-store";
import { OpenAiError } from "./errors";

/** Beyond the job's own deadline: the sweeper fails a late job within a minute or so, and says so. */
const GRACE_MS = 90_000;
/** One wait in the Account object; after it the job is read once, then the wait goes on. */
const WAIT_MS = 55_000;

/**
 * Waits for the user's job to finish, as the synchronous OpenAI endpoints must. The Account object
 * wakes the wait when the job's finish is published (no D1 polling); D1 is read once after each wait,
 * which also covers a finish published before the wait began on an evicted object.
 */
export async function awaitFinishedJob(
  deps: { db: Database; accounts: (userId: string) => AccountApi; now: () => number },
  job: Pick<JobRow, "id" | "userId" | "deadlineAt">,
): Promise<JobRow> {
  const giveUpAt = job.deadlineAt + GRACE_MS;
  for (;;) {
    await deps.accounts(job.userId).awaitJob(job.id, Math.max(0, Math.min(WAIT_MS, giveUpAt - deps.now())));
    const row = await findJob(deps.db, job.userId, job.id);
    if (!row) throw new OpenAiError(500, "The generation vanished while it ran.", "server_error", "server_error");
    if (TERMINAL_STATUSES.includes(row.status)) return row;
    if (deps.now() >= giveUpAt) {
      throw new OpenAiError(
        500,
        `The generation ${job.id} is still running; it will land in your gallery when done.`,
        "server_error",
        "server_error",
      );
    }
  }
}
