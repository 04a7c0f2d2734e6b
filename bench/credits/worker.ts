import { Hono } from "hono";
import type { AppEnv } from "../../workers/app-env";
import { accountFor } from "../../workers/credits/account-client";
import { healthRoutes } from "../../workers/health/routes";

export { Account } from "../../workers/credits/account";

/**
 * The bench's Worker (see wrangler.toml here): the production health route as the baseline, and
 * bench-only routes that grant and hold through the production Account object, so a measured
 * hold is exactly Worker → Account object (RPC) → one D1 batch → answer.
 */
export default new Hono<AppEnv>()
  .route("/", healthRoutes)
  .post("/bench/grant", async (c) => {
    const user = c.req.query("user") ?? "";
    const result = await accountFor(c.env, user).grant(`seed-${user}`, Number(c.req.query("amount")), "promo", null);
    return c.json(result);
  })
  .post("/bench/hold", async (c) => {
    const result = await accountFor(c.env, c.req.query("user") ?? "").hold(c.req.query("job") ?? "", 1, "Bench hold");
    return c.json(result, result.ok ? 200 : 402);
  });
