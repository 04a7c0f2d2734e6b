import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { MediaView, ShareView } from "../../shared/media";
import { database } from "../../workers/db/client";
import { sweepShares } from "../../workers/media/shares";
import { api, signUp, type TestUser } from "../support/users";
import { png } from "./fixtures";
import { uploaded } from "./helpers";

let owner: TestUser;
let other: TestUser;
let media: MediaView;

beforeAll(async () => {
  [owner, other] = await Promise.all([signUp(), signUp()]);
  media = await uploaded(owner, png(20, 20));
});

async function share(body: unknown = {}, who = owner, id = media.id): Promise<Response> {
  return api(`/api/media/${id}/share`, { method: "POST", cookie: who.cookie, json: body });
}

async function created(body: unknown = {}): Promise<ShareView & { url: string; path: string }> {
  const res = await share(body);
  expect(res.status).toBe(201);
  const { share: view } = await res.json<{ share: ShareView & { url: string } }>();
  return { ...view, path: new URL(view.url).pathname };
}

describe("share links", () => {
  it("open one item without a session, with Range support, until revoked", async () => {
    const link = await created({ expiresInSeconds: 3600 });
    expect(link.url).toMatch(/^http:\/\/localhost\/media\/shared\/[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt - Date.now()).toBeGreaterThan(3500_000);
    const res = await api(link.path);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("Cache-Control")).toBe("private, no-cache");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.headers.get("Cross-Origin-Resource-Policy")).toBe("cross-origin");
    await res.body?.cancel();
    const own = await api(`/media/${media.id}`, { cookie: owner.cookie });
    expect(own.headers.get("Cross-Origin-Resource-Policy")).toBe("same-origin");
    await own.body?.cancel();
    const ranged = await api(link.path, { headers: { Range: "bytes=0-3" } });
    expect(ranged.status).toBe(206);
    expect(new Uint8Array(await ranged.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));

    const listed = await api(`/api/media/${media.id}/shares`, { cookie: owner.cookie });
    const { shares } = await listed.json<{ shares: ShareView[] }>();
    expect(shares.map((s) => s.id)).toContain(link.id);
    expect(shares.every((s) => s.url === undefined)).toBe(true); // the token is shown once only

    expect((await api(`/api/media/${media.id}/share/${link.id}`, { method: "DELETE", cookie: other.cookie })).status).toBe(404);
    expect((await api(`/api/media/${media.id}/share/${link.id}`, { method: "DELETE", cookie: owner.cookie })).status).toBe(204);
    expect((await api(link.path)).status).toBe(404);
  });

  it("stop working when they expire, and are swept later", async () => {
    const link = await created();
    await env.DB.prepare("UPDATE share_links SET expires_at = ?1 WHERE id = ?2")
      .bind(Date.now() - 1, link.id)
      .run();
    expect((await api(link.path)).status).toBe(404);
    await sweepShares(database(env.DB), Date.now() + 2 * 86_400_000);
    const row = await env.DB.prepare("SELECT id FROM share_links WHERE id = ?1").bind(link.id).first();
    expect(row).toBeNull();
  });

  it("die with the item", async () => {
    const item = await uploaded(owner, png(10, 10));
    const res = await share({}, owner, item.id);
    const { share: view } = await res.json<{ share: { url: string } }>();
    await api(`/api/media/${item.id}`, { method: "DELETE", cookie: owner.cookie });
    expect((await api(new URL(view.url).pathname)).status).toBe(404);
  });

  it("die the moment the owner's account is deleted, before the purge runs", async () => {
    const leaving = await signUp();
    const item = await uploaded(leaving, png(12, 12));
    const res = await share({}, leaving, item.id);
    const path = new URL((await res.json<{ share: { url: string } }>()).share.url).pathname;
    const opened = await api(path);
    expect(opened.status).toBe(200);
    await opened.body?.cancel();
    // Exactly the state DELETE /api/account leaves until the purge reaches this user: the mark, every row still there.
    await env.DB.prepare("UPDATE users SET deleted_at = ?1 WHERE id = ?2").bind(Date.now(), leaving.userId).run();
    const refused = await api(path);
    expect(refused.status).toBe(404);
    expect((await refused.json<{ error: { code: string } }>()).error.code).toBe("not_found");
    const kept = await env.DB.prepare("SELECT COUNT(*) AS n FROM share_links WHERE user_id = ?1")
      .bind(leaving.userId)
      .first<{ n: number }>();
    expect(kept!.n).toBe(1);
  });

  it("stop through the deletion route at once", async () => {
    const leaving = await signUp();
    const item = await uploaded(leaving, png(12, 12));
    const path = new URL((await (await share({}, leaving, item.id)).json<{ share: { url: string } }>()).share.url).pathname;
    const deleted = await api("/api/account", { method: "DELETE", cookie: leaving.cookie, json: { password: leaving.password } });
    expect(deleted.status).toBe(202);
    expect((await api(path)).status).toBe(404);
  });

  it("refuse bad input and forged tokens", async () => {
    for (const body of [{ expiresInSeconds: 1 }, { expiresInSeconds: 10 ** 9 }, { expiresInSeconds: "soon" }, { other: 1 }]) {
      expect((await share(body)).status).toBe(400);
    }
    expect((await share({}, other)).status).toBe(404);
    for (const token of ["x", "A".repeat(43), "../../etc/passwd", "A".repeat(2000)]) {
      expect((await api(`/media/shared/${encodeURIComponent(token)}`)).status, token).toBe(404);
    }
    expect((await api(`/api/media/${media.id}/share/not-an-id`, { method: "DELETE", cookie: owner.cookie })).status).toBe(404);
    expect((await api(`/api/media/${media.id}/share`, { method: "POST" })).status).toBe(401);
  });
});
