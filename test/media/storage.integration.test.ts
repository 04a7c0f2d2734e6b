import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../workers/lib/ids";
import { deleteMediaObjects, PART_BYTES, putStream } from "../../workers/media/storage";
import { api, signUp } from "../support/users";
import { byteStream } from "./fixtures";
import { keysUnder } from "./helpers";

/** SHA-256 of a stream, read chunk by chunk. */
async function digest(stream: ReadableStream<Uint8Array>): Promise<string> {
  const hasher = new crypto.DigestStream("SHA-256");
  await stream.pipeTo(hasher);
  return [...new Uint8Array(await hasher.digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("putStream", () => {
  it("stores a stream of known length in one put", async () => {
    const key = `test/${newId()}`;
    expect(await putStream(env, key, byteStream(300_000), { contentType: "video/mp4", bytes: 300_000 })).toBe(300_000);
    const object = await env.MEDIA.get(key);
    expect(object?.size).toBe(300_000);
    expect(object?.httpMetadata?.contentType).toBe("video/mp4");
    expect(await digest(object!.body)).toBe(await digest(byteStream(300_000)));
  });

  it("refuses a stream that is not the length it claimed, storing nothing", async () => {
    const key = `test/${newId()}`;
    await expect(putStream(env, key, byteStream(1000), { contentType: "video/mp4", bytes: 2000 })).rejects.toThrow();
    expect(await env.MEDIA.head(key)).toBeNull();
  });

  it("stores a small stream of unknown length in one put", async () => {
    const key = `test/${newId()}`;
    expect(await putStream(env, key, byteStream(12_345), { contentType: "video/webm" })).toBe(12_345);
    expect((await env.MEDIA.head(key))?.size).toBe(12_345);
  });

  it("stores a large stream of unknown length as a multipart upload, byte for byte", async () => {
    const key = `test/${newId()}`;
    const total = PART_BYTES * 2 + 1_234_567;
    expect(await putStream(env, key, byteStream(total, 100_000), { contentType: "video/mp4" })).toBe(total);
    const object = await env.MEDIA.get(key);
    expect(object?.size).toBe(total);
    expect(object?.httpEtag).toMatch(/-3"$/); // three parts
    expect(await digest(object!.body)).toBe(await digest(byteStream(total, 100_000)));
  });

  it("stops at maxBytes with 413, aborting the multipart upload", async () => {
    const key = `test/${newId()}`;
    const error = await putStream(env, key, byteStream(PART_BYTES * 3), { contentType: "video/mp4", maxBytes: PART_BYTES + 10 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "payload_too_large" });
    expect(await env.MEDIA.head(key)).toBeNull();
  });
});

describe("a large generated video", () => {
  it("is stored from a stream and served back in ranges so a player can seek", async () => {
    const user = await signUp();
    const id = newId();
    const key = `media/${user.userId}/${newId()}/0.mp4`;
    const total = PART_BYTES + 500_000;
    await putStream(env, key, byteStream(total, 100_000), { contentType: "video/mp4" });
    await env.DB.prepare(
      `INSERT INTO media (id, user_id, kind, r2_key, content_type, bytes, duration_ms, created_at)
       VALUES (?1, ?2, 'video', ?3, 'video/mp4', ?4, 5000, ?5)`,
    )
      .bind(id, user.userId, key, total, Date.now())
      .run();
    const tail = await api(`/media/${id}`, { cookie: user.cookie, headers: { Range: `bytes=${total - 1000}-` } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get("Content-Type")).toBe("video/mp4");
    expect(tail.headers.get("Content-Range")).toBe(`bytes ${total - 1000}-${total - 1}/${total}`);
    expect((await tail.arrayBuffer()).byteLength).toBe(1000);
    const whole = await api(`/media/${id}`, { cookie: user.cookie });
    expect(whole.headers.get("Content-Length")).toBe(String(total));
    expect(await digest(whole.body!)).toBe(await digest(byteStream(total, 100_000)));

    await deleteMediaObjects(env, [{ r2Key: key, thumbnailKey: null }]);
    expect(await keysUnder(key)).toEqual([]);
  });
});
