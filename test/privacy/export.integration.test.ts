import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ExportResponse } from "../../shared/privacy";
import { newId } from "../../workers/lib/ids";
import { sweepExports } from "../../workers/privacy/scheduled";
import { png } from "../media/fixtures";
import { uploaded } from "../media/helpers";
import { addedPasskey } from "../support/passkeys";
import { signUp, signUpVerified, type TestUser } from "../support/users";
import { call, generated, readyExport, seedBilling } from "./support";
import { readZip } from "./zip";

const ip = "10.91.2.1";

interface ExportJson {
  format: string;
  version: number;
  exportId: string;
  profile: { id: string; email: string; name: string };
  consents: { purpose: string }[];
  sessions: Record<string, unknown>[];
  jobs: { id: string; prompt: string; provider: string }[];
  credits: { balance: { available: number; held: number }; ledger: { kind: string }[] };
  payments: { id: string; amountMinor: number; reversals: unknown[] }[];
  subscriptions: { membershipId: string }[];
  referrals: unknown[];
  media: { id: string; kind: string; file: string | null }[];
  shareLinks: { mediaId: string }[];
  exports: { id: string }[];
  linkedIdentities: { provider: string; subject: string; email: string | null; linkedAt: number }[];
  passkeys: { id: string; name: string; transports: string[]; backedUp: boolean; createdAt: number; lastUsedAt: number | null }[];
  supportThreads: { id: string; subject: string; messages: { body: string }[] }[];
  usageEvents: { type: string; name: string; createdAt: number }[];
}

function download(user: TestUser, url: string) {
  return call(user, url, {}, ip);
}

describe("data export", () => {
  it("builds a ZIP with a JSON of everything held about the person and every media file, for them alone", async () => {
    const user = await signUpVerified({ ip });
    const other = await signUp({ ip });
    const upload = await uploaded(user, png(40, 30));
    const job = await generated(user, "a lighthouse at dusk");
    await call(user, `/api/media/${upload.id}/share`, { method: "POST", json: {} }, ip);
    await call(user, "/api/account/consents", { method: "PUT", json: { product_emails: true } }, ip);
    const thread = await call(
      user,
      "/api/support/threads",
      { method: "POST", json: { subject: "Export help", message: "Where is my file?" } },
      ip,
    );
    expect(thread.status).toBe(201);
    const usage = await call(
      user,
      "/api/usage/events",
      { method: "POST", json: { events: [{ type: "page_view", name: "/gallery/:id" }] } },
      ip,
    );
    expect(await usage.json()).toEqual({ recorded: 1 });
    const passkey = await addedPasskey(user);
    await addedPasskey(other);
    // A connected Whop account (Sign in with Whop); the other person's is not theirs to see.
    await env.DB.prepare(
      "INSERT INTO linked_identities (id, user_id, provider, subject, email, linked_at) VALUES (?1, ?2, 'whop', ?3, ?4, 1)",
    )
      .bind(newId(), user.userId, `user_export_${user.userId}`, "export-whop@example.com")
      .run();
    await env.DB.prepare(
      "INSERT INTO linked_identities (id, user_id, provider, subject, email, linked_at) VALUES (?1, ?2, 'whop', ?3, NULL, 1)",
    )
      .bind(newId(), other.userId, `user_export_${other.userId}`)
      .run();
    const billing = await seedBilling(user.userId);
    await uploaded(other, png(20, 20));
    await seedBilling(other.userId);

    const ready = await readyExport(user);
    expect(ready.downloadUrl).toBe(`/api/account/exports/${ready.id}/download`);
    expect(ready.expiresAt! - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    const res = await download(user, ready.downloadUrl!);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/zip");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="ausar-export-\d{4}-\d{2}-\d{2}\.zip"$/);
    const archive = new Uint8Array(await res.arrayBuffer());
    expect(archive.byteLength).toBe(ready.bytes);

    const entries = await readZip(archive);
    const json = entries.find((e) => e.name === "ausar-export.json");
    expect(json).toBeDefined();
    const doc = JSON.parse(new TextDecoder().decode(json!.bytes)) as ExportJson;
    expect(Object.keys(doc)).toEqual(
      expect.arrayContaining([
        "profile",
        "consents",
        "sessions",
        "twoFactor",
        "jobs",
        "credits",
        "payments",
        "subscriptions",
        "referrals",
        "media",
        "shareLinks",
        "exports",
      ]),
    );
    expect(doc).toMatchObject({ format: "ausar-export", version: 1, exportId: ready.id });
    expect(doc.profile).toMatchObject({ id: user.userId, email: user.email, name: user.name });
    expect(doc.consents.map((c) => c.purpose).sort()).toEqual(["privacy_policy", "product_emails", "terms"]);
    expect(Object.keys(doc.sessions[0]!).sort()).toEqual([
      "browser",
      "createdAt",
      "expiresAt",
      "id",
      "lastUsedAt",
      "os",
      "revokeReason",
      "revokedAt",
      "screen",
    ]);
    expect(doc.jobs).toEqual([expect.objectContaining({ id: job.id, prompt: "a lighthouse at dusk", provider: "demo" })]);
    expect(doc.credits.ledger.map((l) => l.kind)).toEqual(["grant", "hold", "capture"]);
    expect(doc.payments).toEqual([expect.objectContaining({ id: billing.paymentId, amountMinor: 1900 })]);
    expect(doc.payments[0]!.reversals).toHaveLength(1);
    expect(doc.subscriptions).toEqual([expect.objectContaining({ membershipId: billing.membershipId })]);
    expect(doc.shareLinks).toEqual([expect.objectContaining({ mediaId: upload.id })]);
    expect(doc.exports.map((e) => e.id)).toContain(ready.id);
    expect(doc.linkedIdentities).toEqual([
      { provider: "whop", subject: `user_export_${user.userId}`, email: "export-whop@example.com", linkedAt: 1 },
    ]);
    // The passkey as Account → Security lists it, never its public key or credential id.
    expect(doc.passkeys).toEqual([
      { id: passkey.id, name: passkey.name, transports: ["internal"], backedUp: false, createdAt: expect.any(Number), lastUsedAt: null },
    ]);
    expect(JSON.stringify(doc)).not.toContain(passkey.key.credentialId);
    expect(doc.supportThreads).toEqual([
      expect.objectContaining({ subject: "Export help", messages: [expect.objectContaining({ body: "Where is my file?" })] }),
    ]);
    expect(doc.usageEvents).toEqual([{ type: "page_view", name: "/gallery/:id", createdAt: expect.any(Number) }]);

    // Every media item is in the archive under media/, byte for byte as stored in R2.
    const expectedIds = [upload.id, ...job.media.map((m) => m.id)].sort();
    expect(doc.media.map((m) => m.id).sort()).toEqual(expectedIds);
    for (const item of doc.media) {
      expect(item.file).toMatch(new RegExp(`^media/${item.id}\\.(png|jpg|webp)$`));
      const entry = entries.find((e) => e.name === item.file);
      const row = await env.DB.prepare("SELECT r2_key FROM media WHERE id = ?").bind(item.id).first<{ r2_key: string }>();
      const stored = new Uint8Array(await (await env.MEDIA.get(row!.r2_key))!.arrayBuffer());
      expect(entry?.bytes).toEqual(stored);
    }
    expect(entries).toHaveLength(doc.media.length + 1);

    // Only this person's data: the other account appears nowhere.
    const text = new TextDecoder().decode(archive);
    expect(text).not.toContain(other.userId);
    expect(text).not.toContain(other.email);
    expect(await env.MEDIA.head(`exports/${user.userId}/${ready.id}.zip`)).not.toBeNull();
  });

  it("streams archives larger than one upload part (R2 multipart) without changing a byte", async () => {
    const user = await signUp({ ip });
    // 9 MiB of noise: more than one 8 MiB part, so the archive goes up as a multipart upload.
    const big = new Uint8Array(9 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 65536) crypto.getRandomValues(big.subarray(i, i + 65536));
    const id = newId();
    const key = `media/${user.userId}/big/${id}.mp4`;
    await env.MEDIA.put(key, big, { httpMetadata: { contentType: "video/mp4" } });
    await env.DB.prepare(
      `INSERT INTO media (id, user_id, kind, r2_key, content_type, bytes, duration_ms, favorite, prompt, created_at)
       VALUES (?1, ?2, 'video', ?3, 'video/mp4', ?4, 4000, 0, 'noise', ?5)`,
    )
      .bind(id, user.userId, key, big.byteLength, Date.now())
      .run();

    const ready = await readyExport(user);
    expect(ready.bytes).toBeGreaterThan(big.byteLength);
    const entries = await readZip(new Uint8Array(await (await download(user, ready.downloadUrl!)).arrayBuffer()));
    const video = entries.find((e) => e.name === `media/${id}.mp4`);
    expect(video?.bytes.byteLength).toBe(big.byteLength);
    expect(video?.bytes).toEqual(big);
  });

  it("lets nobody but the owner see or download an export", async () => {
    const user = await signUp({ ip });
    const stranger = await signUp({ ip });
    const ready = await readyExport(user);
    expect((await download(stranger, ready.downloadUrl!)).status).toBe(404);
    expect((await call(stranger, `/api/account/exports/${ready.id}`, {}, ip)).status).toBe(404);
    expect((await call(null, ready.downloadUrl!, {}, ip)).status).toBe(401);
    expect((await call(user, "/api/account/exports/not-an-id", {}, ip)).status).toBe(404);
    const list = await (await call(stranger, "/api/account/exports", {}, ip)).json<{ exports: unknown[] }>();
    expect(list.exports).toEqual([]);
    const own = await (await call(user, "/api/account/exports", {}, ip)).json<{ exports: { id: string }[] }>();
    expect(own.exports.map((e) => e.id)).toEqual([ready.id]);
  });

  it("allows one export in flight per person", async () => {
    const user = await signUp({ ip });
    // An export already being built (written directly so the real queue cannot finish it first).
    await env.DB.prepare("INSERT INTO exports (id, user_id, status, attempts, created_at) VALUES (?1, ?2, 'building', 1, ?3)")
      .bind(crypto.randomUUID(), user.userId, Date.now())
      .run();
    const res = await call(user, "/api/account/export", { method: "POST" }, ip);
    expect(res.status).toBe(409);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe("conflict");
  });

  it("expires after 7 days: the link stops at once and the cron deletes the file", async () => {
    const user = await signUp({ ip });
    const ready = await readyExport(user);
    const key = `exports/${user.userId}/${ready.id}.zip`;
    await env.DB.prepare("UPDATE exports SET expires_at = ?1 WHERE id = ?2")
      .bind(Date.now() - 1, ready.id)
      .run();

    const { export: view } = await (await call(user, `/api/account/exports/${ready.id}`, {}, ip)).json<ExportResponse>();
    expect(view.status).toBe("expired");
    expect(view.downloadUrl).toBeUndefined();
    expect((await download(user, ready.downloadUrl!)).status).toBe(404);
    expect(await env.MEDIA.head(key)).not.toBeNull();

    await sweepExports(env, Date.now());
    expect(await env.MEDIA.head(key)).toBeNull();
    const row = await env.DB.prepare("SELECT status, r2_key FROM exports WHERE id = ?").bind(ready.id).first();
    expect(row).toEqual({ status: "expired", r2_key: null });
    // A new export can be made afterwards.
    expect((await call(user, "/api/account/export", { method: "POST" }, ip)).status).toBe(202);
  });

  it("fails exports stuck in flight so that the person can start another", async () => {
    const user = await signUp({ ip });
    const id = crypto.randomUUID();
    await env.DB.prepare("INSERT INTO exports (id, user_id, status, attempts, created_at) VALUES (?1, ?2, 'queued', 0, ?3)")
      .bind(id, user.userId, Date.now() - 2 * 3600 * 1000)
      .run();
    await sweepExports(env, Date.now());
    const row = await env.DB.prepare("SELECT status, error_message FROM exports WHERE id = ?")
      .bind(id)
      .first<{ status: string; error_message: string }>();
    expect(row!.status).toBe("failed");
    expect(row!.error_message).toMatch(/try again/);
  });
});
