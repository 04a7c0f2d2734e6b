import { Hono } from "hono";
import { totpCodeSchema } from "../../../shared/auth";
import type { AppEnv } from "../../app-env";
import { jsonBody } from "../../lib/validate";
import { requireUser } from "../middleware";
import { mustFindUser } from "../users";
import { confirmEnrolment, disableTwoFactor, startEnrolment } from "./enrolment";

/** Account → Security: turning two-factor sign-in on (start, confirm with a first code) and off. */
export const twoFactorRoutes = new Hono<AppEnv>()
  .post("/api/account/2fa/totp", requireUser, async (c) => {
    const user = await mustFindUser(c.var.db, c.var.auth.userId);
    return c.json(await startEnrolment(c.var.db, user, Date.now()));
  })
  .post("/api/account/2fa/totp/confirm", requireUser, jsonBody(totpCodeSchema), async (c) => {
    const { userId, sessionId } = c.var.auth;
    return c.json({ recoveryCodes: await confirmEnrolment(c.var.db, userId, sessionId, c.req.valid("json").code, Date.now()) });
  })
  .delete("/api/account/2fa/totp", requireUser, jsonBody(totpCodeSchema), async (c) => {
    const user = await mustFindUser(c.var.db, c.var.auth.userId);
    await disableTwoFactor(c.var.db, user, c.req.valid("json").code, Date.now());
    return c.body(null, 204);
  });
