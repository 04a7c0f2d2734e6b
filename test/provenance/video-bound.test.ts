import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderDemoVideo } from "../../workers/generation/demo-media";
import { ingestObject } from "../../workers/media/ingest";
import { credentialSigner } from "../../workers/provenance/c2pa/signer";
import { type Provenance, VIDEO_SIGNING_MAX_BYTES } from "../../workers/provenance/mark";
import { DIGITAL_SOURCE_TYPES } from "../../workers/provenance/xmp";
import { readCredentials } from "./support/c2pa-reader";

const provenance = (): Provenance => ({
  mark: { digitalSourceType: DIGITAL_SOURCE_TYPES.generated, softwareAgent: "Demo video (Ausar demo)" },
  signer: credentialSigner(env),
});

const MAX = 2 * 1024 * 1024 * 1024;
const C2PA_UUID = "d8fec3d61b0e483c92975828877ec481";
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** An MP4 of `total` bytes (ftyp and one mdat of zeros), produced 1 MB at a time; counts what was pulled. */
function bigMp4(total: number) {
  const head = new Uint8Array(32);
  const view = new DataView(head.buffer);
  view.setUint32(0, 24);
  head.set(new TextEncoder().encode("ftypisom\0\0\x02\0isomiso2"), 4);
  view.setUint32(24, total - 24);
  head.set(new TextEncoder().encode("mdat"), 28);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= total) return controller.close();
        const chunk = sent === 0 ? head : new Uint8Array(Math.min(1024 * 1024, total - sent));
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { body, pulled: () => sent };
}

describe("which videos are signed (the bound)", () => {
  afterEach(() => vi.restoreAllMocks());

  it("a video within the bound is read, marked and signed", async () => {
    const video = renderDemoVideo({ prompt: "a small boat", seed: 3, aspectRatio: "1:1", durationSeconds: 1 });
    expect(video.bytes).toBeLessThanOrEqual(VIDEO_SIGNING_MAX_BYTES);
    const stored = await ingestObject(
      env.MEDIA,
      { kind: "video", body: video.body, contentType: "video/mp4", bytes: video.bytes, maxBytes: MAX, provenance: provenance() },
      () => `test/bound/${crypto.randomUUID()}.mp4`,
    );
    const bytes = new Uint8Array(await (await env.MEDIA.get(stored.r2Key))!.arrayBuffer());
    expect(stored.bytes).toBe(bytes.byteLength);
    expect((await readCredentials("video/mp4", bytes)).validationState).toBe("Trusted");
  });

  it("a video over the bound stays on the streaming path: XMP only, and logged", async () => {
    const warn = vi.spyOn(console, "warn");
    const total = VIDEO_SIGNING_MAX_BYTES + 1;
    const source = bigMp4(total);
    const stored = await ingestObject(
      env.MEDIA,
      { kind: "video", body: source.body, contentType: "video/mp4", bytes: total, maxBytes: MAX, provenance: provenance() },
      () => `test/bound/${crypto.randomUUID()}.mp4`,
    );
    expect(source.pulled()).toBe(total);
    const object = (await env.MEDIA.get(stored.r2Key))!;
    const bytes = new Uint8Array(await object.arrayBuffer());
    expect(bytes.byteLength).toBeGreaterThan(total);
    expect(stored.bytes).toBe(bytes.byteLength);
    const tail = bytes.subarray(total);
    expect(new TextDecoder().decode(tail)).toContain(`Iptc4xmpExt:DigitalSourceType="${DIGITAL_SOURCE_TYPES.generated}"`);
    expect(hex(bytes)).not.toContain(C2PA_UUID);
    const logged = warn.mock.calls.map(([line]) => JSON.parse(String(line)) as { event: string; reason: string });
    expect(logged).toContainEqual(
      expect.objectContaining({ event: "provenance_unsigned", reason: `larger than ${VIDEO_SIGNING_MAX_BYTES} bytes` }),
    );
  });

  it("a video whose length is not declared is streamed with XMP only, and logged", async () => {
    const warn = vi.spyOn(console, "warn");
    const video = renderDemoVideo({ prompt: "a small boat", seed: 3, aspectRatio: "1:1", durationSeconds: 1 });
    const stored = await ingestObject(
      env.MEDIA,
      { kind: "video", body: video.body, contentType: "video/mp4", maxBytes: MAX, provenance: provenance() },
      () => `test/bound/${crypto.randomUUID()}.mp4`,
    );
    const bytes = new Uint8Array(await (await env.MEDIA.get(stored.r2Key))!.arrayBuffer());
    expect(bytes.byteLength).toBeGreaterThan(video.bytes);
    expect(hex(bytes)).not.toContain(C2PA_UUID);
    const logged = warn.mock.calls.map(([line]) => JSON.parse(String(line)) as { event: string; reason: string });
    expect(logged).toContainEqual(expect.objectContaining({ event: "provenance_unsigned", reason: "length not declared" }));
  });
});
