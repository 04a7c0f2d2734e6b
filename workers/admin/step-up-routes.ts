import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import type { PasskeyDeps } from "../auth/passkeys/registration";
import { relyingPartyFor } from "../auth/passkeys/relying-party";
import { startPasskeyStepUp } from "../auth/passkeys/step-up";
import { requireRole } from "./guard";

/** What `verifyStepUp` needs from a staff request: the database, the time, and the relying party a passkey is bound to. */
export const stepUpDeps = (c: { env: Env; req: { url: string }; var: { db: PasskeyDeps["db"] } }): PasskeyDeps => ({
  db: c.var.db,
  now: Date.now(),
  rp: relyingPartyFor(c.env, c.req.url),
});

/**
 * `POST /api/admin/step-up/passkey/options` (support or admin): the options for a passkey
 * assertion that steps up the next destructive action, instead of a code. Only the caller's own
 * passkeys are allowed; 400 `invalid_passkey` when they have none.
 */
export const stepUpRoutes = new Hono<AppEnv>().post(
  "/api/admin/step-up/passkey/options",
  requireRole(["support", "admin"], "staff.step_up.options"),
  async (c) => {
    return c.json({ options: await startPasskeyStepUp(stepUpDeps(c), c.var.staff.userId) });
  },
);
