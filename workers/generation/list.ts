import type { JobListResponse } from "../../shared/generation";
import type { JobListQuery } from "../../shared/generation-requests";
import type { Database } from "../db/client";
import { AppError } from "../lib/errors";
import { isId } from "../lib/ids";
import { jobViews } from "./job-view";
import { findJob, listJobRows } from "./jobs-store";

/**
 * `GET /api/generations`: the user's jobs, newest first. The cursor is the last job's id; it must
 * be one of the caller's own jobs, so a made-up or someone else's cursor is refused (400).
 */
export async function listJobs(db: Database, userId: string, query: JobListQuery): Promise<JobListResponse> {
  let after: { createdAt: number; id: string } | undefined;
  if (query.cursor) {
    const anchor = isId(query.cursor) ? await findJob(db, userId, query.cursor) : null;
    if (!anchor) throw new AppError("invalid_cursor", "That page cursor is not valid. Start again from the first page.");
    after = { createdAt: anchor.createdAt, id: anchor.id };
  }
  const rows = await listJobRows(db, userId, { status: query.status, after, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const items = await jobViews(db, userId, page);
  return { items, nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
}
