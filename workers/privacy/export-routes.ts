import { Hono } from "hono";
import type { ExportListResponse, ExportResponse } from "../../shared/privacy";
import type { AppEnv, AuthedEnv } from "../app-env";
import { requireUser } from "../auth/middleware";
import { AppError } from "../lib/errors";
import { idParam, pathParams } from "../lib/validate";
import { requestExport } from "./export-request";
import { type ExportRow, findExport, isDownloadable, recentExports, toExportView } from "./exports-store";
import { taskSender } from "./tasks";

const NO_EXPORT = "There is no such export. You can start a new one from your account page.";

/** An `:id` that cannot be an export is answered like someone else's export: as none. */
const exportIdParam = pathParams(idParam, () => new AppError("not_found", NO_EXPORT));

/** The person's own export by the `:id` in the path; anyone else's is answered exactly like none. */
async function ownExport(c: { var: AuthedEnv["Variables"] }, id: string): Promise<ExportRow> {
  const row = await findExport(c.var.db, c.var.auth.userId, id);
  if (!row) throw new AppError("not_found", NO_EXPORT);
  return row;
}

/** Data export: start one, follow it, download it (its owner only) while it lasts. */
export const exportRoutes = new Hono<AppEnv>()
  .post("/api/account/export", requireUser, async (c) => {
    const now = Date.now();
    const row = await requestExport({ db: c.var.db, enqueue: taskSender(c.env.TASKS_QUEUE) }, c.var.auth.userId, now);
    return c.json({ export: toExportView(row, now) } satisfies ExportResponse, 202);
  })
  .get("/api/account/exports", requireUser, async (c) => {
    const now = Date.now();
    const rows = await recentExports(c.var.db, c.var.auth.userId);
    return c.json({ exports: rows.map((row) => toExportView(row, now)) } satisfies ExportListResponse);
  })
  .get("/api/account/exports/:id", requireUser, exportIdParam, async (c) => {
    const row = await ownExport(c, c.req.valid("param").id);
    return c.json({ export: toExportView(row, Date.now()) } satisfies ExportResponse);
  })
  .get("/api/account/exports/:id/download", requireUser, exportIdParam, async (c) => {
    const row = await ownExport(c, c.req.valid("param").id);
    const object = isDownloadable(row, Date.now()) ? await c.env.MEDIA.get(row.r2Key!) : null;
    if (!object) throw new AppError("not_found", "This export has expired. You can start a new one from your account page.");
    const day = new Date(row.createdAt).toISOString().slice(0, 10);
    return c.body(object.body, 200, {
      "Content-Type": "application/zip",
      "Content-Length": String(object.size),
      "Content-Disposition": `attachment; filename="ausar-export-${day}.zip"`,
      "Cache-Control": "private, no-store",
    });
  });
