import { Hono } from "hono";
import { type WhopAccountView, whopConnectSchema } from "../../../shared/whop-sign-in";
import type { AppEnv } from "../../app-env";
import { AppError } from "../../lib/errors";
import { enforceRateLimit } from "../../lib/rate-limit";
import { jsonBody } from "../../lib/validate";
import { LIMITS } from "../limits";
import { requireUser } from "../middleware";
import { hasPassword as hasOwnPassword, NO_PASSWORD_YET, verifyPassword } from "../passwords";
import { mustFindUser } from "../users";
import { whopOAuthConfig } from "./config";
import { whopIdentityOf } from "./identities";
import { callbackUrl, configOf } from "./request-config";
import { startRoundTrip } from "./round-trip";
import { unlinkWhop } from "./unlink";

const passwordIssue = (message: string) => new AppError("validation_failed", message, { issues: [{ path: "password", message }] });

/** Account → Security's Whop section: whether Whop is connected, connecting it (password again first), and disconnecting it. */
export const whopAccountRoutes = new Hono<AppEnv>()
  .get("/api/account/whop", requireUser, async (c) => {
    const user = await mustFindUser(c.var.db, c.var.auth.userId);
    const identity = await whopIdentityOf(c.var.db, user.id);
    const body: WhopAccountView = {
      available: whopOAuthConfig(c.env) !== null,
      linked: identity ? { email: identity.email, linkedAt: identity.linkedAt } : null,
      hasPassword: hasOwnPassword(user.passwordHash),
    };
    return c.json(body);
  })
  /**
   * Connecting starts with the password again, as adding a passkey does: a Whop account connected
   * by a stolen session would be a way in that outlives the session and a password change.
   * Answers Whop's authorize address; the round trip's secrets go in this browser's cookie.
   */
  .post("/api/account/whop/connect", requireUser, jsonBody(whopConnectSchema), async (c) => {
    const config = configOf(c);
    const user = await mustFindUser(c.var.db, c.var.auth.userId);
    await enforceRateLimit(c.env.DB, LIMITS.passwordChangePerUser, user.id, Date.now());
    if (!hasOwnPassword(user.passwordHash)) throw passwordIssue(NO_PASSWORD_YET);
    if (!(await verifyPassword(c.req.valid("json").password, user.passwordHash))) throw passwordIssue("This is not your current password.");
    return c.json({ authorizeUrl: await startRoundTrip(c, config, callbackUrl(c), user.id) });
  })
  .delete("/api/account/whop", requireUser, async (c) => {
    await unlinkWhop(c.var.db, c.var.auth.userId);
    return c.body(null, 204);
  });
