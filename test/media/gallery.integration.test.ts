import { beforeAll, describe, expect, it } from "vitest";
import type { MediaListResponse, MediaView } from "../../shared/media";
import { newId } from "../../workers/lib/ids";
import { api, signUp, type TestUser } from "../support/users";
import { jpeg, png } from "./fixtures";
import { keysUnder, seedMedia, uploaded } from "./helpers";

async function list(user: TestUser, query: string): Promise<MediaListResponse> {
  const res = await api(`/api/media?${query}`, { cookie: user.cookie });
  if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
  return res.json<MediaListResponse>();
}

async function errorCode(res: Response): Promise<string> {
  return (await res.json<{ error: { code: string } }>()).error.code;
}

describe("GET /api/media pagination", () => {
  it("pages newest first with no duplicates or gaps while new items keep arriving", async () => {
    const user = await signUp();
    const base = Date.now() - 1_000_000;
    const original: string[] = [];
    // Several items share a millisecond, so the id must break ties.
    for (let i = 0; i < 45; i++) original.push(await seedMedia(user.userId, { createdAt: base + Math.floor(i / 3) }));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: MediaListResponse = await list(user, `limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
      pages++;
      await seedMedia(user.userId); // arrives between page loads, newer than everything
    } while (cursor);
    // UUIDv7 ids begin with their millisecond, so sorting them is (created_at, id) order.
    const newestFirst = [...original].sort().reverse();
    expect(seen).toEqual(newestFirst); // every original exactly once, in order; arrivals sort before the cursor
    expect(pages).toBe(Math.ceil(45 / 7));
    expect((await list(user, "limit=100")).items).toHaveLength(45 + pages);
  });

  it("filters by kind, favorite and prompt text, and ends with a null cursor", async () => {
    const user = await signUp();
    await seedMedia(user.userId, { kind: "image", prompt: "A red fox in snow" });
    await seedMedia(user.userId, { kind: "video", prompt: "red sunrise timelapse", favorite: true });
    await seedMedia(user.userId, { kind: "upload" });
    await seedMedia(user.userId, { kind: "image", prompt: "100% blue_sky", favorite: true });
    const kinds = async (q: string) => (await list(user, q)).items.map((m) => m.kind);
    expect(await kinds("kind=video")).toEqual(["video"]);
    expect(await kinds("kind=upload")).toEqual(["upload"]);
    expect(await kinds("favorite=true")).toEqual(["image", "video"]);
    expect(await kinds("favorite=false&kind=image")).toEqual(["image"]);
    expect((await list(user, "q=RED")).items.map((m) => m.prompt)).toEqual(["red sunrise timelapse", "A red fox in snow"]);
    expect((await list(user, "q=100%25")).items).toHaveLength(1);
    expect((await list(user, "q=_")).items).toHaveLength(1); // `_` is literal, not a wildcard
    expect((await list(user, "q=%25")).items).toHaveLength(1);
    const all = await list(user, "");
    expect(all.items).toHaveLength(4);
    expect(all.nextCursor).toBeNull();
  });

  it("refuses forged cursors and bad parameters with 400", async () => {
    const user = await signUp();
    const forged = ["abc", "!!", btoa("12:nope"), btoa(`abc:${newId()}`), "A".repeat(300)];
    for (const cursor of forged) {
      const res = await api(`/api/media?cursor=${encodeURIComponent(cursor)}`, { cookie: user.cookie });
      expect(res.status, cursor).toBe(400);
    }
    expect(await errorCode(await api("/api/media?cursor=abc", { cookie: user.cookie }))).toBe("invalid_cursor");
    for (const query of ["limit=0", "limit=101", "limit=x", "kind=gif", "favorite=maybe", "unknown=1&limit=0", `q=${"x".repeat(201)}`]) {
      const res = await api(`/api/media?${query}`, { cookie: user.cookie });
      expect(res.status, query).toBe(400);
      expect(await errorCode(res)).toBe("validation_failed");
    }
    expect((await api("/api/media")).status).toBe(401);
  });

  it("ignores unknown query parameters such as a cache-buster, still applying the known ones", async () => {
    const user = await signUp();
    for (let i = 0; i < 3; i++) await seedMedia(user.userId, { kind: i === 0 ? "video" : "image" });
    const page = await list(user, "_=123&limit=1&kind=image&utm_source=x");
    expect(page.items.map((m) => m.kind)).toEqual(["image"]);
    expect(page.nextCursor).not.toBeNull();
    expect((await list(user, "_=123")).items).toHaveLength(3);
  });

  it("lists only the signed-in user's items, even with another user's cursor", async () => {
    const [a, b] = await Promise.all([signUp(), signUp()]);
    for (let i = 0; i < 3; i++) await seedMedia(a.userId);
    const mine = await seedMedia(b.userId);
    const pageA = await list(a, "limit=1");
    const pageB = await list(b, `cursor=${pageA.nextCursor}`);
    expect(pageB.items.map((m) => m.id)).toEqual([]);
    expect((await list(b, "")).items.map((m) => m.id)).toEqual([mine]);
  });
});

describe("one item: GET, PATCH, DELETE", () => {
  let owner: TestUser;
  let other: TestUser;
  beforeAll(async () => {
    [owner, other] = await Promise.all([signUp(), signUp()]);
  });

  it("reads and favorites an item", async () => {
    const media = await uploaded(owner, png());
    const got = await api(`/api/media/${media.id}`, { cookie: owner.cookie });
    expect((await got.json<{ media: MediaView }>()).media).toEqual(media);
    const patched = await api(`/api/media/${media.id}`, { method: "PATCH", cookie: owner.cookie, json: { favorite: true } });
    expect((await patched.json<{ media: MediaView }>()).media.favorite).toBe(true);
    expect((await list(owner, "favorite=true")).items.map((m) => m.id)).toContain(media.id);
    for (const body of [{}, { favorite: "yes" }, { favorite: true, prompt: "x" }]) {
      const res = await api(`/api/media/${media.id}`, { method: "PATCH", cookie: owner.cookie, json: body });
      expect(res.status).toBe(400);
    }
  });

  it("deletes the row, the original and the thumbnail from R2", async () => {
    const media = await uploaded(owner, jpeg());
    const prefix = `uploads/${owner.userId}/${media.id}`;
    expect(await keysUnder(prefix)).toHaveLength(2);
    const res = await api(`/api/media/${media.id}`, { method: "DELETE", cookie: owner.cookie });
    expect(res.status).toBe(204);
    expect(await keysUnder(prefix)).toEqual([]);
    expect((await api(`/api/media/${media.id}`, { cookie: owner.cookie })).status).toBe(404);
    expect((await api(media.url, { cookie: owner.cookie })).status).toBe(404);
    expect((await api(`/api/media/${media.id}`, { method: "DELETE", cookie: owner.cookie })).status).toBe(404);
  });

  it("answers 404 to another user on every route, and changes nothing", async () => {
    const media = await uploaded(owner, png());
    const routes: [string, string, unknown?][] = [
      ["GET", `/api/media/${media.id}`],
      ["PATCH", `/api/media/${media.id}`, { favorite: true }],
      ["DELETE", `/api/media/${media.id}`],
      ["GET", media.url],
      ["GET", `${media.url}/thumbnail`],
      ["POST", `/api/media/${media.id}/share`, {}],
      ["GET", `/api/media/${media.id}/shares`],
      ["POST", "/api/media/bulk-download", { ids: [media.id] }],
    ];
    for (const [method, path, json] of routes) {
      const res = await api(path, { method, cookie: other.cookie, json });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const bulk = await api("/api/media/bulk-delete", { method: "POST", cookie: other.cookie, json: { ids: [media.id] } });
    expect(await bulk.json()).toEqual({ deleted: 0 });
    const still = await api(`/api/media/${media.id}`, { cookie: owner.cookie });
    expect((await still.json<{ media: MediaView }>()).media.favorite).toBe(false);
    expect(await keysUnder(`uploads/${owner.userId}/${media.id}`)).toHaveLength(2);
  });

  it("answers ids that are not ids with 404 and bad bulk bodies with 400", async () => {
    for (const path of ["/api/media/123", "/api/media/DROP%20TABLE", `/api/media/${newId().toUpperCase()}`]) {
      expect((await api(path, { cookie: owner.cookie })).status, path).toBe(404);
    }
    for (const json of [{}, { ids: [] }, { ids: ["nope"] }, { ids: Array.from({ length: 101 }, () => newId()) }, { ids: "x" }]) {
      expect((await api("/api/media/bulk-delete", { method: "POST", cookie: owner.cookie, json })).status).toBe(400);
      expect((await api("/api/media/bulk-download", { method: "POST", cookie: owner.cookie, json })).status).toBe(400);
    }
    const text = await api("/api/media/bulk-download", {
      method: "POST",
      cookie: owner.cookie,
      headers: { "Content-Type": "text/plain" },
      body: "x",
    });
    expect(text.status).toBe(415);
  });
});

describe("bulk actions", () => {
  it("bulk-deletes only the user's items, with their objects", async () => {
    const [owner, other] = await Promise.all([signUp(), signUp()]);
    const mine = [await uploaded(owner, png()), await uploaded(owner, jpeg())];
    const theirs = await uploaded(other, png());
    const res = await api("/api/media/bulk-delete", {
      method: "POST",
      cookie: owner.cookie,
      json: { ids: [...mine.map((m) => m.id), theirs.id, newId()] },
    });
    expect(await res.json()).toEqual({ deleted: 2 });
    expect(await keysUnder(`uploads/${owner.userId}/`)).toEqual([]);
    expect(await keysUnder(`uploads/${other.userId}/`)).toHaveLength(2);
  });

  it("streams a ZIP of the selected items with an exact length, from JSON or a form post", async () => {
    const owner = await signUp();
    const a = png(40, 30);
    const b = jpeg(30, 40);
    const [ma, mb] = [await uploaded(owner, a), await uploaded(owner, b)];
    const res = await api("/api/media/bulk-download", { method: "POST", cookie: owner.cookie, json: { ids: [mb.id, ma.id] } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/zip");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="ausar-2-items.zip"');
    const zip = new Uint8Array(await res.arrayBuffer());
    expect(res.headers.get("Content-Length")).toBe(String(zip.length));
    const entries = readZipEntries(zip);
    expect(entries.map((e) => e.name)).toEqual([`ausar-upload-${mb.id.slice(-8)}.jpg`, `ausar-upload-${ma.id.slice(-8)}.png`]);
    expect(entries[0]!.data).toEqual(b);
    expect(entries[1]!.data).toEqual(a);
    const form = await api("/api/media/bulk-download", {
      method: "POST",
      cookie: owner.cookie,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([
        ["ids", ma.id],
        ["ids", mb.id],
      ]).toString(),
    });
    expect(form.status).toBe(200);
    expect(readZipEntries(new Uint8Array(await form.arrayBuffer())).map((e) => e.data.length)).toEqual([a.length, b.length]);
  });
});

/** Reads stored (uncompressed) entries from a ZIP by its local headers and data descriptors. */
function readZipEntries(zip: Uint8Array): { name: string; data: Uint8Array }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const central = findCentralDirectory(view);
  const out: { name: string; data: Uint8Array }[] = [];
  for (let at = central.offset, i = 0; i < central.count; i++) {
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    out.push({ name, data: zip.subarray(dataStart, dataStart + size) });
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

function findCentralDirectory(view: DataView): { offset: number; count: number } {
  for (let at = view.byteLength - 22; at >= 0; at--) {
    if (view.getUint32(at, true) === 0x06054b50) return { count: view.getUint16(at + 10, true), offset: view.getUint32(at + 16, true) };
  }
  throw new Error("no end of central directory");
}
