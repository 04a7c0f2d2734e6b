import { Hono } from "hono";
import type { WhopAccountView } from "../../../shared/whop-sign-in";
import type { AppEnv } from "../../app-env";
import { requireUser } from "../middleware";
import { hasPassword as hasOwnPassword } from "../passwords";
import { mustFindUser } from "../users";
import { whopOAuthConfig } from "./config";
import { whopIdentityOf } from "./identities";
import { unlinkWhop } from "./unlink";

/** Account → Security's Whop section: whether Whop is connected, and disconnecting it. Connecting is `GET /api/auth/whop/start?intent=connect`. */
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
  .delete("/api/account/whop", requireUser, async (c) => {
    await unlinkWhop(c.var.db, c.var.auth.userId);
    return c.body(null, 204);
  });
