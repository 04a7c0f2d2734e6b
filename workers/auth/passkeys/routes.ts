import { Hono } from "hono";
import type { LoginResponse } from "../../../shared/auth";
import {
  passkeyAuthenticationSchema,
  passkeyRegistrationOptionsSchema,
  passkeyRegistrationSchema,
  renamePasskeySchema,
} from "../../../shared/passkeys";
import type { AppEnv } from "../../app-env";
import { clientIp } from "../../lib/client-ip";
import { AppError } from "../../lib/errors";
import { idParam, jsonBody, pathParams } from "../../lib/validate";
import { beginSession } from "../context";
import { deviceOf } from "../device";
import { requireUser } from "../middleware";
import { mustFindUser, toUserView } from "../users";
import { finishPasskeySignIn, startPasskeySignIn } from "./authentication";
import { finishPasskeyRegistration, type PasskeyDeps, startPasskeyRegistration } from "./registration";
import { relyingPartyFor } from "./relying-party";
import { deletePasskey, passkeysOf, renamePasskey, toPasskeyView } from "./store";

/** A passkey that is not the caller's, or an `:id` that cannot be one, is answered alike. */
const noSuchPasskey = () => new AppError("not_found", "No such passkey.");

const depsOf = (c: { env: Env; req: { url: string }; var: { db: PasskeyDeps["db"] } }): PasskeyDeps => ({
  db: c.var.db,
  now: Date.now(),
  rp: relyingPartyFor(c.env, c.req.url),
});

/** "Chrome on macOS": what a passkey is called until its owner names it. */
function defaultName(headers: Headers): string {
  const { browser, os } = deviceOf(headers);
  return browser && os ? `${browser} on ${os}` : (browser ?? os ?? "Passkey");
}

/** Passkeys: adding one (signed in), signing in with one (public, no email typed), and the person's list. */
export const passkeyRoutes = new Hono<AppEnv>()
  .post("/api/auth/passkeys/registration/options", requireUser, jsonBody(passkeyRegistrationOptionsSchema), async (c) => {
    const user = await mustFindUser(c.var.db, c.var.auth.userId);
    const options = await startPasskeyRegistration(depsOf(c), user, c.var.auth, c.req.valid("json").currentPassword);
    return c.json({ options });
  })
  .post("/api/auth/passkeys/registration/verify", requireUser, jsonBody(passkeyRegistrationSchema), async (c) => {
    const row = await finishPasskeyRegistration(depsOf(c), c.var.auth.userId, c.req.valid("json"), defaultName(c.req.raw.headers));
    return c.json({ passkey: toPasskeyView(row) }, 201);
  })
  .post("/api/auth/passkeys/authentication/options", async (c) => {
    return c.json({ options: await startPasskeySignIn(depsOf(c), clientIp(c.req.raw.headers)) });
  })
  .post("/api/auth/passkeys/authentication/verify", jsonBody(passkeyAuthenticationSchema), async (c) => {
    const user = await finishPasskeySignIn(depsOf(c), { ...c.req.valid("json"), ip: clientIp(c.req.raw.headers) });
    // The same session a password sign-in starts (cookies, device data, the role's lifetime), with the second factor proved.
    await beginSession(c, user, { secondFactor: true });
    const body: LoginResponse = { user: toUserView(user, null) };
    return c.json(body);
  })
  .get("/api/auth/passkeys", requireUser, async (c) => {
    const rows = await passkeysOf(c.var.db, c.var.auth.userId);
    return c.json({ passkeys: rows.map(toPasskeyView) });
  })
  .patch("/api/auth/passkeys/:id", requireUser, pathParams(idParam, noSuchPasskey), jsonBody(renamePasskeySchema), async (c) => {
    const row = await renamePasskey(c.var.db, c.var.auth.userId, c.req.valid("param").id, c.req.valid("json").name);
    if (!row) throw noSuchPasskey();
    return c.json({ passkey: toPasskeyView(row) });
  })
  // Every account has a password (users.password_hash is NOT NULL), so no passkey is ever the last way in.
  .delete("/api/auth/passkeys/:id", requireUser, pathParams(idParam, noSuchPasskey), async (c) => {
    if (!(await deletePasskey(c.var.db, c.var.auth.userId, c.req.valid("param").id))) throw noSuchPasskey();
    return c.body(null, 204);
  });
