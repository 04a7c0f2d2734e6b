import { beforeAll, describe, expect, it } from "vitest";
import type { MediaView } from "../../shared/media";
import { api, signUp, type TestUser } from "../support/users";
import { png } from "./fixtures";
import { uploaded } from "./helpers";

let owner: TestUser;
let other: TestUser;
let media: MediaView;
let bytes: Uint8Array;

beforeAll(async () => {
  [owner, other] = await Promise.all([signUp(), signUp()]);
  bytes = png(200, 150);
  media = await uploaded(owner, bytes, "image/png");
});

function get(path: string, headers: Record<string, string> = {}, who: TestUser | null = owner): Promise<Response> {
  return api(path, { cookie: who?.cookie, headers });
}

describe("GET /media/:id", () => {
  it("streams the whole object to its owner with the delivery headers", async () => {
    const res = await get(media.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("Content-Length")).toBe(String(bytes.length));
    expect(res.headers.get("ETag")).toBe(`"${media.id}"`);
    expect(res.headers.get("Accept-Ranges")).toBe("bytes");
    expect(res.headers.get("Cache-Control")).toMatch(/^private\b/);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Disposition")).toMatch(/^inline; filename="ausar-upload-[0-9a-f]{8}\.png"$/);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it("offers a download with a safe file name", async () => {
    const res = await get(`${media.url}?download=1`);
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="ausar-upload-${media.id.slice(-8)}.png"`);
    await res.body?.cancel();
  });

  it("answers single ranges with 206 and the right bytes", async () => {
    const cases: [string, number, number][] = [
      ["bytes=0-99", 0, 99],
      ["bytes=100-", 100, bytes.length - 1],
      ["bytes=-10", bytes.length - 10, bytes.length - 1],
      ["bytes=5-999999999", 5, bytes.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await get(media.url, { Range: range });
      expect(res.status, range).toBe(206);
      expect(res.headers.get("Content-Range")).toBe(`bytes ${start}-${end}/${bytes.length}`);
      expect(res.headers.get("Content-Length")).toBe(String(end - start + 1));
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes.subarray(start, end + 1));
    }
  });

  it("answers malformed and out-of-bounds ranges with 416 and the size", async () => {
    for (const range of ["bytes=abc", "bytes=10-5", `bytes=${bytes.length}-`, "pages=1-2", "bytes=-0", "bytes="]) {
      const res = await get(media.url, { Range: range });
      expect(res.status, range).toBe(416);
      expect(res.headers.get("Content-Range")).toBe(`bytes */${bytes.length}`);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe("range_not_satisfiable");
    }
  });

  it("serves several ranges as the whole object", async () => {
    const res = await get(media.url, { Range: "bytes=0-1,4-5" });
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(bytes.length);
  });

  it("answers 304 to a matching If-None-Match, and honours If-Range", async () => {
    const etag = `"${media.id}"`;
    for (const tag of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const res = await get(media.url, { "If-None-Match": tag });
      expect(res.status, tag).toBe(304);
      expect(res.headers.get("ETag")).toBe(etag);
      expect(await res.text()).toBe("");
    }
    const stale = await get(media.url, { "If-None-Match": '"something-else"' });
    expect(stale.status).toBe(200);
    await stale.body?.cancel();
    const fresh = await get(media.url, { Range: "bytes=0-9", "If-Range": etag });
    expect(fresh.status).toBe(206);
    await fresh.body?.cancel();
    const changed = await get(media.url, { Range: "bytes=0-9", "If-Range": '"old"' });
    expect(changed.status).toBe(200);
    await changed.body?.cancel();
  });

  it("answers HEAD with the headers and no body", async () => {
    const res = await api(media.url, { method: "HEAD", cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Length")).toBe(String(bytes.length));
    expect(await res.text()).toBe("");
  });

  it("serves the thumbnail, small and cacheable by its owner only", async () => {
    const res = await get(media.thumbnailUrl!);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^image\/(webp|jpeg)$/);
    expect(res.headers.get("ETag")).toBe(`"${media.id}-thumbnail"`);
    expect(Number(res.headers.get("Content-Length"))).toBeGreaterThan(0);
    await res.body?.cancel();
    expect((await get(media.thumbnailUrl!, { "If-None-Match": `"${media.id}-thumbnail"` })).status).toBe(304);
    expect((await get(media.thumbnailUrl!, {}, other)).status).toBe(404);
  });

  it("gives others 404, the anonymous 401, and non-ids 404", async () => {
    for (const path of [media.url, `${media.url}?download=1`, media.thumbnailUrl!]) {
      const res = await get(path, { Range: "bytes=0-1" }, other);
      expect(res.status, path).toBe(404);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe("not_found");
      expect((await get(path, {}, null)).status).toBe(401);
    }
    for (const path of ["/media/not-an-id", "/media/..%2F..%2Fetc", "/media/0190a0a0-0000-7000-8000-000000000000", "/media/x/thumbnail"]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });
});
