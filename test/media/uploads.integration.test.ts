import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type MediaView, UPLOAD_MAX_BYTES } from "../../shared/media";
import { api, signUp, type TestUser } from "../support/users";
import { byteStream, jpeg, jpegWithOrientation, png, pngBombHeader, webp } from "./fixtures";
import { keysUnder, upload, uploaded } from "./helpers";

let user: TestUser;

async function rowCount(userId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM media WHERE user_id = ?1").bind(userId).first<{ n: number }>();
  return row?.n ?? 0;
}

/** Asserts the refusal and that nothing at all was stored for the user. */
async function expectRefused(res: Response, status: number, code: string, who: TestUser = user) {
  expect(res.status).toBe(status);
  expect((await res.json<{ error: { code: string } }>()).error.code).toBe(code);
  expect(await keysUnder(`uploads/${who.userId}/`)).toEqual([]);
  expect(await rowCount(who.userId)).toBe(0);
}

beforeAll(async () => {
  user = await signUp();
});

describe("POST /api/uploads: the bytes decide the type", () => {
  it("refuses a text file labelled image/png with 415 and stores nothing", async () => {
    const res = await upload(user, new TextEncoder().encode("definitely a png"), "image/png");
    await expectRefused(res, 415, "unsupported_media_type");
  });

  it("stores a real JPEG labelled image/png as JPEG, under our own key, with its size and a thumbnail", async () => {
    const fresh = await signUp();
    const bytes = jpeg(80, 60);
    const media = await uploaded(fresh, bytes, "image/png");
    expect(media).toMatchObject({ kind: "upload", contentType: "image/jpeg", bytes: bytes.length, width: 80, height: 60, favorite: false });
    expect(media.url).toBe(`/media/${media.id}`);
    expect(media.thumbnailUrl).toBe(`/media/${media.id}/thumbnail`);
    const keys = await keysUnder(`uploads/${fresh.userId}/`);
    expect(keys).toContain(`uploads/${fresh.userId}/${media.id}`);
    expect(keys.some((k) => k.startsWith(`uploads/${fresh.userId}/${media.id}.thumb.`))).toBe(true);
    const stored = await env.MEDIA.get(`uploads/${fresh.userId}/${media.id}`);
    expect(stored?.httpMetadata?.contentType).toBe("image/jpeg");
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(bytes);
    const served = await api(media.url, { cookie: fresh.cookie });
    expect(served.headers.get("Content-Type")).toBe("image/jpeg");
    await served.body?.cancel();
  });

  it("accepts PNG and WebP, and multipart `file`, whatever name or type the part declares", async () => {
    const fresh = await signUp();
    expect((await uploaded(fresh, png(30, 20), "image/webp")).contentType).toBe("image/png");
    expect((await uploaded(fresh, webp(30, 20))).contentType).toBe("image/webp");
    const form = new FormData();
    form.append("file", new File([webp(12, 34)], "../../etc/passwd.exe", { type: "text/html" }));
    const res = await api("/api/uploads", { method: "POST", cookie: fresh.cookie, body: form });
    expect(res.status).toBe(201);
    const { media } = await res.json<{ media: MediaView }>();
    expect(media).toMatchObject({ contentType: "image/webp", width: 12, height: 34 });
    expect(await keysUnder(`uploads/${fresh.userId}/${media.id}`)).toEqual([
      `uploads/${fresh.userId}/${media.id}`,
      expect.stringMatching(new RegExp(`^uploads/${fresh.userId}/${media.id}\\.thumb\\.(webp|jpg)$`)),
    ]);
  });

  it("reports the upright size of a rotated phone photo and makes an upright thumbnail", async () => {
    const fresh = await signUp();
    const media = await uploaded(fresh, jpegWithOrientation(6, 64, 48));
    expect(media).toMatchObject({ width: 48, height: 64 });
    const thumb = await api(media.thumbnailUrl!, { cookie: fresh.cookie });
    expect(thumb.status).toBe(200);
    const { sniffImage } = await import("../../workers/media/sniff");
    expect(sniffImage(new Uint8Array(await thumb.arrayBuffer()))).toMatchObject({ width: 48, height: 64 });
  });
});

describe("POST /api/uploads: bad input is a clear 4xx with nothing stored", () => {
  it("answers 413 from a declared Content-Length past the cap without reading the body", async () => {
    let pulls = 0;
    const body = byteStream(UPLOAD_MAX_BYTES + 1, 64 * 1024, () => pulls++);
    const res = await api("/api/uploads", {
      method: "POST",
      cookie: user.cookie,
      headers: { "Content-Type": "image/png", "Content-Length": String(UPLOAD_MAX_BYTES + 1) },
      body,
      duplex: "half",
    } as RequestInit);
    await expectRefused(res, 413, "payload_too_large");
    // A stream pulls a chunk or two ahead on its own; the point is that the 20 MB were never read.
    expect(pulls * 64 * 1024).toBeLessThan(512 * 1024);
  });

  it("counts a body of unknown length while streaming and refuses it past the cap", async () => {
    const header = png(16, 16);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = sent === 0 ? header : new Uint8Array(1024 * 1024);
        sent += chunk.length;
        controller.enqueue(chunk);
        if (sent > UPLOAD_MAX_BYTES * 2) controller.close();
      },
    });
    const res = await api("/api/uploads", { method: "POST", cookie: user.cookie, body, duplex: "half" } as RequestInit);
    await expectRefused(res, 413, "payload_too_large");
    expect(sent).toBeLessThan(UPLOAD_MAX_BYTES + 4 * 1024 * 1024); // it stopped reading soon after the cap
  });

  it("refuses an oversized multipart file, streamed without a length", async () => {
    const boundary = "----ausar-test";
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = sent === 0 ? head : new Uint8Array(1024 * 1024);
        sent += chunk.length;
        controller.enqueue(chunk);
        if (sent > UPLOAD_MAX_BYTES * 2) controller.close();
      },
    });
    const res = await api("/api/uploads", {
      method: "POST",
      cookie: user.cookie,
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: "half",
    } as RequestInit);
    await expectRefused(res, 413, "payload_too_large");
  });

  it("refuses empty bodies, truncated images, bombs and broken multipart", async () => {
    await expectRefused(await upload(user, new Uint8Array(), "image/png"), 400, "bad_request");
    const full = jpeg(64, 48);
    await expectRefused(await upload(user, full.subarray(0, full.length - 40), "image/jpeg"), 400, "invalid_image");
    const pngFull = png(64, 48);
    await expectRefused(await upload(user, pngFull.subarray(0, 200), "image/png"), 400, "invalid_image");
    await expectRefused(await upload(user, pngBombHeader(60_000, 60_000), "image/png"), 413, "image_too_large");
    const gif = new TextEncoder().encode("GIF89a\x01\x00\x01\x00\x80\x00\x00");
    await expectRefused(await upload(user, gif, "image/gif"), 415, "unsupported_media_type");
    await expectRefused(await upload(user, new TextEncoder().encode("--x\r\nnope"), "multipart/form-data; boundary=y"), 400, "bad_request");
    const noFile = new FormData();
    noFile.append("image", "text");
    await expectRefused(await api("/api/uploads", { method: "POST", cookie: user.cookie, body: noFile }), 400, "validation_failed");
    await expectRefused(await upload(user, new TextEncoder().encode('{"a":1}'), "application/json"), 415, "unsupported_media_type");
  });

  it("refuses an image whose structure is whole but whose pixel data is damaged", async () => {
    const bytes = png(64, 48).slice();
    const idat = bytes.findIndex((_, i) => String.fromCharCode(...bytes.subarray(i, i + 4)) === "IDAT");
    for (let i = idat + 6; i < idat + 30; i++) bytes[i] = 0xa5; // garble the compressed pixels, keep every chunk length
    await expectRefused(await upload(user, bytes, "image/png"), 400, "invalid_image");
  });

  it("requires a session", async () => {
    const res = await api("/api/uploads", { method: "POST", headers: { "Content-Type": "image/png" }, body: png() });
    expect(res.status).toBe(401);
  });
});
