import { Hono } from "hono";
import {
  createDataRequestSchema,
  type DataRequestResponse,
  type DataRequestsResponse,
  dataRequestsQuerySchema,
  updateDataRequestSchema,
} from "../../shared/data-requests";
import type { AppEnv } from "../app-env";
import { AppError } from "../lib/errors";
import { idParam, jsonBody, pathParams, queryParams } from "../lib/validate";
import { changedDataRequest, insertDataRequest, mustFindDataRequest, newDataRequest, saveDataRequest } from "./data-requests";
import { listDataRequests, toDataRequestView } from "./data-requests-store";
import { requireRole } from "./guard";

const requestIdParam = pathParams(idParam, () => new AppError("not_found", "There is no such data request."));

/** Data-subject requests (P31): the list by due date, recording one that arrived by email, notes and closing. */
export const dataRequestRoutes = new Hono<AppEnv>()
  .get(
    "/api/admin/data-requests",
    requireRole(["support", "admin"], "data_request.list"),
    queryParams(dataRequestsQuerySchema),
    async (c) => {
      const now = Date.now();
      const rows = await listDataRequests(c.var.db, c.req.valid("query").status);
      return c.json({ items: rows.map((row) => toDataRequestView(row, now)) } satisfies DataRequestsResponse);
    },
  )
  .post(
    "/api/admin/data-requests",
    requireRole(["support", "admin"], "data_request.create"),
    jsonBody(createDataRequestSchema),
    async (c) => {
      const body = c.req.valid("json");
      c.var.audit.about({ reason: body.reason });
      const now = Date.now();
      const row = await newDataRequest(c.var.db, body, now);
      const audit = c.var.audit.statement({ targetUserId: row.userId, targetObject: `data_request:${row.id}` });
      await c.var.db.batch([insertDataRequest(c.var.db, row), audit]);
      return c.json({ request: toDataRequestView(row, now) } satisfies DataRequestResponse, 201);
    },
  )
  .patch(
    "/api/admin/data-requests/:id",
    requireRole(["support", "admin"], "data_request.update"),
    requestIdParam,
    jsonBody(updateDataRequestSchema),
    async (c) => {
      const body = c.req.valid("json");
      const { id } = c.req.valid("param");
      c.var.audit.about({ reason: body.reason, targetObject: `data_request:${id}` });
      const row = await mustFindDataRequest(c.var.db, id);
      c.var.audit.about({ targetUserId: row.userId });
      const now = Date.now();
      const next = changedDataRequest(row, body, now);
      await c.var.db.batch([saveDataRequest(c.var.db, next), c.var.audit.statement()]);
      return c.json({ request: toDataRequestView(next, now) } satisfies DataRequestResponse);
    },
  );
