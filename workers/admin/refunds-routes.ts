import { Hono } from "hono";
import { paymentIdParam, type RefundRequested, refundSchema } from "../../shared/admin-ops";
import type { AppEnv } from "../app-env";
import { verifyStepUp } from "../auth/two-factor/fresh-code";
import { whopFromEnv } from "../billing/env-deps";
import { AppError } from "../lib/errors";
import { jsonBody, pathParams } from "../lib/validate";
import { requireRole } from "./guard";
import { requestRefund } from "./refunds";
import { stepUpDeps } from "./step-up-routes";

const paymentParam = pathParams(paymentIdParam, () => new AppError("not_found", "There is no such payment."));

/** `POST /api/admin/payments/:id/refund` (admin, fresh code or passkey): Whop refunds; the clawback follows Whop's webhook. */
export const adminRefundRoutes = new Hono<AppEnv>().post(
  "/api/admin/payments/:id/refund",
  requireRole(["admin"], "payment.refund"),
  paymentParam,
  jsonBody(refundSchema),
  async (c) => {
    const { id } = c.req.valid("param");
    const { reason, code, passkey, amount } = c.req.valid("json");
    c.var.audit.about({ targetObject: `payment:${id}`, reason });
    await verifyStepUp(stepUpDeps(c), c.var.staff.userId, { code, passkey });
    const deps = { db: c.var.db, whop: whopFromEnv(c.env), now: Date.now() };
    const { userId, ...requested } = await requestRefund(deps, id, amount);
    c.var.audit.about({ targetUserId: userId });
    return c.json(requested satisfies RefundRequested, 202);
  },
);
