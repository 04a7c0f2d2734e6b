import { describe, expect, it } from "vitest";
import type { DemoAspectRatio, DemoVideoOptions } from "../../../workers/generation/demo-media";
import { DEMO_VIDEO_FPS, DEMO_VIDEO_SIZES, renderDemoPoster, renderDemoVideo } from "../../../workers/generation/demo-media";
import { decodePcmIdr, parseSps } from "./h264-reader";
import { findBox, readBoxes, u32s } from "./mp4-reader";
import { decodePng } from "./png-reader";

async function collect(body: ReadableStream<Uint8Array>): Promise<{ bytes: Uint8Array; chunks: number }> {
  const parts: Uint8Array[] = [];
  for await (const part of body) parts.push(part);
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    bytes.set(p, offset);
    offset += p.length;
  }
  return { bytes, chunks: parts.length };
}

async function render(options: DemoVideoOptions) {
  const video = renderDemoVideo(options);
  const { bytes, chunks } = await collect(video.body);
  return { video, bytes, chunks, boxes: readBoxes(bytes) };
}

const sha256 = async (bytes: Uint8Array) => new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));

describe("demo MP4 videos", () => {
  it("streams exactly the announced number of bytes, one chunk per frame after the header", async () => {
    const { video, bytes, chunks } = await render({ prompt: "drifting", seed: 1, aspectRatio: "16:9", durationSeconds: 2 });
    expect(video).toMatchObject({ contentType: "video/mp4", width: 320, height: 180, durationMs: 2000 });
    expect(bytes.length).toBe(video.bytes);
    expect(chunks).toBe(1 + 2 * DEMO_VIDEO_FPS);
  });

  it("lays out ftyp, moov, mdat with consistent sample tables", async () => {
    const seconds = 3;
    const { video, bytes, boxes } = await render({ prompt: "tables", seed: 2, aspectRatio: "1:1", durationSeconds: seconds });
    expect(boxes.map((b) => b.type)).toEqual(["ftyp", "moov", "mdat"]);
    const frames = DEMO_VIDEO_FPS * seconds;
    const mdat = findBox(boxes, "mdat");
    const stbl = "moov/trak/mdia/minf/stbl";

    const [, sampleCount, ...sizes] = u32s(findBox(boxes, `${stbl}/stsz`), 4);
    expect(sampleCount).toBe(frames);
    expect(sizes).toHaveLength(frames);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(mdat.body.length);
    expect(u32s(findBox(boxes, `${stbl}/stco`), 4)).toEqual([1, mdat.start + 8]);
    expect(u32s(findBox(boxes, `${stbl}/stsc`), 4)).toEqual([1, 1, frames, 1]);
    const [, sttsCount, delta] = u32s(findBox(boxes, `${stbl}/stts`), 4);
    expect(sttsCount).toBe(frames);
    const stss = u32s(findBox(boxes, `${stbl}/stss`), 4);
    expect(stss[0]).toBe(frames);
    expect(stss[1]).toBe(1);

    const [, , timescale, mediaDuration] = u32s(findBox(boxes, "moov/trak/mdia/mdhd"), 4);
    expect(timescale).toBe(DEMO_VIDEO_FPS * 1000);
    expect(mediaDuration).toBe(frames * delta!);
    const [, , movieTimescale, movieDuration] = u32s(findBox(boxes, "moov/mvhd"), 4);
    expect(movieDuration! / movieTimescale!).toBe(seconds);
    expect(video.durationMs).toBe(seconds * 1000);
    const tkhd = u32s(findBox(boxes, "moov/trak/tkhd"), 4);
    expect(tkhd.slice(-2)).toEqual([240 * 65536, 240 * 65536]);

    const avc1 = findBox(boxes, `${stbl}/stsd/avc1`);
    const avcC = findBox(avc1.children, "avcC");
    expect([...avcC.body.subarray(0, 5)]).toEqual([1, 66, 0xc0, 30, 0xff]);
    expect(bytes.length).toBe(video.bytes);
  });

  it.each(Object.entries(DEMO_VIDEO_SIZES))("codes %s at its size with SPS cropping and I_PCM pictures", async (ratio, size) => {
    const { boxes } = await render({ prompt: `ratio ${ratio}`, seed: 3, aspectRatio: ratio as DemoAspectRatio, durationSeconds: 1 });
    const avcC = findBox(findBox(boxes, "moov/trak/mdia/minf/stbl/stsd/avc1").children, "avcC").body;
    const spsLength = (avcC[6]! << 8) | avcC[7]!;
    const sps = parseSps(avcC.subarray(8, 8 + spsLength));
    expect(sps).toMatchObject({ profileIdc: 66, width: size.width, height: size.height });
    const mdat = findBox(boxes, "mdat").body;
    const sizes = u32s(findBox(boxes, "moov/trak/mdia/minf/stbl/stsz"), 12);
    let offset = 0;
    const idrPicIds: number[] = [];
    for (const sampleSize of sizes) {
      const nalLength = new DataView(mdat.buffer, mdat.byteOffset + offset, 4).getUint32(0);
      expect(nalLength + 4).toBe(sampleSize);
      idrPicIds.push(decodePcmIdr(mdat.subarray(offset + 4, offset + sampleSize), sps).idrPicId);
      offset += sampleSize;
    }
    // Back-to-back IDR pictures must differ in idr_pic_id.
    expect(idrPicIds.every((id, i) => i === 0 || id !== idrPicIds[i - 1])).toBe(true);
  });

  it("moves: later frames differ from the first", async () => {
    const { boxes } = await render({ prompt: "motion", seed: 4, aspectRatio: "4:3", durationSeconds: 2 });
    const mdat = findBox(boxes, "mdat").body;
    const sizes = u32s(findBox(boxes, "moov/trak/mdia/minf/stbl/stsz"), 12);
    const first = mdat.subarray(0, sizes[0]!);
    const lastStart = sizes.slice(0, -1).reduce((a, b) => a + b, 0);
    const last = mdat.subarray(lastStart, lastStart + sizes.at(-1)!);
    let changed = 0;
    for (let i = 16; i < Math.min(first.length, last.length); i++) if (first[i] !== last[i]) changed++;
    expect(changed / first.length).toBeGreaterThan(0.3);
  });

  it("has a poster that is the first frame", async () => {
    const options: DemoVideoOptions = { prompt: "poster", seed: 5, aspectRatio: "9:16", durationSeconds: 1 };
    const { boxes } = await render(options);
    const poster = await decodePng(await renderDemoPoster(options));
    expect([poster.width, poster.height]).toEqual([180, 320]);
    const avcC = findBox(findBox(boxes, "moov/trak/mdia/minf/stbl/stsd/avc1").children, "avcC").body;
    const sps = parseSps(avcC.subarray(8, 8 + ((avcC[6]! << 8) | avcC[7]!)));
    const firstSize = u32s(findBox(boxes, "moov/trak/mdia/minf/stbl/stsz"), 12)[0]!;
    const { luma } = decodePcmIdr(findBox(boxes, "mdat").body.subarray(4, firstSize), sps);
    let worst = 0;
    for (let y = 0; y < poster.height; y++) {
      for (let x = 0; x < poster.width; x++) {
        const i = (y * poster.width + x) * 3;
        const expected = 16 + (219 / 255) * (0.2126 * poster.rgb[i]! + 0.7152 * poster.rgb[i + 1]! + 0.0722 * poster.rgb[i + 2]!);
        worst = Math.max(worst, Math.abs(luma[y * sps.mbWidth * 16 + x]! - expected));
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it("gives identical bytes for identical options and different bytes for another prompt", async () => {
    const options: DemoVideoOptions = { prompt: "same", seed: 6, aspectRatio: "3:4", durationSeconds: 1 };
    const a = await render(options);
    const b = await render({ ...options });
    const c = await render({ ...options, prompt: "other" });
    expect(await sha256(a.bytes)).toEqual(await sha256(b.bytes));
    expect(await sha256(a.bytes)).not.toEqual(await sha256(c.bytes));
    expect(c.bytes.length).toBe(a.bytes.length);
  });

  it("announces the length of the longest video before drawing a frame", async () => {
    const video = renderDemoVideo({ prompt: "long", seed: 7, aspectRatio: "16:9", durationSeconds: 10 });
    expect(video.durationMs).toBe(10_000);
    // 120 frames of 20×12 macroblocks at 384 bytes each, plus headers: about 11 MB.
    expect(video.bytes).toBeGreaterThan(120 * 240 * 384);
    expect(video.bytes).toBeLessThan(12_000_000);
    await video.body.cancel();
  });

  it("rounds durations to whole frames and rejects what it cannot make", async () => {
    const video = renderDemoVideo({ prompt: "short", seed: 8, aspectRatio: "1:1", durationSeconds: 1.5 });
    expect(video.durationMs).toBe(1500);
    await video.body.cancel();
    expect(() => renderDemoVideo({ prompt: "x", seed: 1, aspectRatio: "2:1" as DemoAspectRatio, durationSeconds: 2 })).toThrow();
    expect(() => renderDemoVideo({ prompt: "x", seed: 1, aspectRatio: "1:1", durationSeconds: 0 })).toThrow();
    expect(() => renderDemoVideo({ prompt: "x", seed: 1, aspectRatio: "1:1", durationSeconds: 11 })).toThrow();
    await expect(renderDemoPoster({ prompt: "x", seed: 1, aspectRatio: "1:1", durationSeconds: 60 })).rejects.toThrow();
  });
});
