import { Hono } from "hono";
import { type StaffUserDetail, staffLedgerQuerySchema, type UserLookupResponse, userLookupQuerySchema } from "../../shared/admin-users";
import type { LedgerPage } from "../../shared/credits";
import type { AppEnv } from "../app-env";
import { listLedger } from "../credits/ledger-reader";
import { AppError } from "../lib/errors";
import { idParam, pathParams, queryParams } from "../lib/validate";
import { requireRole } from "./guard";
import { userActionRoutes } from "./user-actions-routes";
import { mustFindRecord, STAFF_LEDGER_PAGE, staffUserDetail } from "./user-detail";
import { lookupUsers } from "./user-lookup";

const STAFF = ["support", "admin"] as const;
/** A path id that cannot exist is answered like an unknown one. */
const userParam = pathParams(idParam, () => new AppError("not_found", "There is no such user."));

/** The console's people: lookup, the user page and its ledger pages (each naming the person in the audit log), and the actions on a person. */
export const userRoutes = new Hono<AppEnv>()
  .get("/api/admin/users", requireRole(STAFF, "user.search"), queryParams(userLookupQuerySchema), async (c) => {
    c.header("Cache-Control", "no-store");
    const found = await lookupUsers(c.var.db, c.req.valid("query").q);
    // The query itself may be an email: it is not kept; a single match is named as the target.
    c.var.audit.about({
      targetUserId: found.items.length === 1 ? (found.items[0]?.id ?? null) : null,
      targetObject: `lookup:${found.matchedBy}`,
    });
    return c.json(found satisfies UserLookupResponse);
  })
  .get("/api/admin/users/:id", requireRole(STAFF, "user.read"), userParam, async (c) => {
    const { id } = c.req.valid("param");
    c.var.audit.about({ targetUserId: id });
    c.header("Cache-Control", "no-store");
    return c.json((await staffUserDetail(c.var.db, id, Date.now())) satisfies StaffUserDetail);
  })
  .get("/api/admin/users/:id/ledger", requireRole(STAFF, "user.ledger.read"), userParam, queryParams(staffLedgerQuerySchema), async (c) => {
    const { id } = c.req.valid("param");
    c.var.audit.about({ targetUserId: id });
    await mustFindRecord(c.var.db, id);
    c.header("Cache-Control", "no-store");
    const page = await listLedger(c.env.DB, id, { cursor: c.req.valid("query").cursor, limit: STAFF_LEDGER_PAGE });
    return c.json(page satisfies LedgerPage);
  })
  .route("/", userActionRoutes);
