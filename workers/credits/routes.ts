import { Hono } from "hono";
import { z } from "zod";
import { ledgerQuerySchema } from "../../shared/credits-query";
import type { AppEnv } from "../app-env";
import { requireUser } from "../auth/middleware";
import { requireCaller } from "../developers/caller";
import { AppError } from "../lib/errors";
import { isOwnOrigin } from "../lib/same-origin";
import { queryParams, requestHeaders } from "../lib/validate";
import { readBalance } from "./balance";
import { listLedger } from "./ledger-reader";
import { forwardLive } from "./live";

/** `/api/live` is a WebSocket address: anything but an Upgrade handshake is told so (426). */
const liveHandshake = requestHeaders(
  z.object({ upgrade: z.string().regex(/^websocket$/i), origin: z.string().optional() }),
  () => new AppError("upgrade_required", "This address is a WebSocket: connect with Upgrade: websocket."),
);

/** `GET /api/credits`, `GET /api/credits/ledger`, `GET /api/live`. */
export const creditRoutes = new Hono<AppEnv>()
  .get("/api/credits", requireCaller("credits:read"), async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await readBalance(c.env.DB, c.var.caller.userId));
  })
  .get("/api/credits/ledger", requireCaller("credits:read"), queryParams(ledgerQuerySchema), async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await listLedger(c.env.DB, c.var.caller.userId, c.req.valid("query")));
  })
  .get("/api/live", requireUser, liveHandshake, (c) => {
    // Browsers send `Origin` on every WebSocket handshake and, unlike fetch, apply no CORS to it:
    // without this check another site could open a socket with the user's cookies (where the
    // browser still attaches them) and read their balance. `sameOrigin` lets GETs through.
    const { origin } = c.req.valid("header");
    if (origin !== undefined && !isOwnOrigin(origin, c.req.url, c.env.PUBLIC_URL)) {
      throw new AppError("bad_origin", "Live updates are only for the Ausar web app.");
    }
    return forwardLive(c.env, c.req.raw, c.var.auth);
  });
