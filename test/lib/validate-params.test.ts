import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../../workers/lib/errors";
import { onError } from "../../workers/lib/on-error";
import { idParam, pathParams, requestHeaders } from "../../workers/lib/validate";

const ID = "01a24d9a-09b2-70ad-88c8-3e107f9d726f";

const noSuchThing = () => new AppError("not_found", "No such thing.");

function app() {
  const routes = new Hono()
    .get("/things/:id", pathParams(idParam, noSuchThing), (c) => c.json({ id: c.req.valid("param").id }))
    .get("/pages/:n", pathParams(z.object({ n: z.coerce.number().int().min(1) })), (c) => c.json({ n: c.req.valid("param").n }))
    .get("/socket", requestHeaders(z.object({ upgrade: z.literal("websocket") })), (c) =>
      c.json({ upgrade: c.req.valid("header").upgrade }),
    );
  routes.onError(onError);
  return routes;
}

describe("path and header validators", () => {
  it("hands the handler the parsed params, and answers a malformed id with the route's own error", async () => {
    const ok = await app().request(`/things/${ID}`);
    expect(await ok.json()).toEqual({ id: ID });
    const bad = await app().request("/things/not-an-id");
    expect(bad.status).toBe(404);
    expect(await bad.json()).toEqual({ error: { code: "not_found", message: "No such thing." } });
  });

  it("answers other bad params and headers with 400 validation_failed and its issues", async () => {
    expect(await (await app().request("/pages/3")).json()).toEqual({ n: 3 });
    const page = await app().request("/pages/0");
    expect(page.status).toBe(400);
    const pageBody = (await page.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(pageBody.error.code).toBe("validation_failed");
    expect(pageBody.error.issues.map((issue) => issue.path)).toEqual(["n"]);

    expect(await (await app().request("/socket", { headers: { Upgrade: "websocket" } })).json()).toEqual({ upgrade: "websocket" });
    const socket = await app().request("/socket");
    expect(socket.status).toBe(400);
    const socketBody = (await socket.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(socketBody.error.code).toBe("validation_failed");
    expect(socketBody.error.issues.map((issue) => issue.path)).toEqual(["upgrade"]);
  });
});
