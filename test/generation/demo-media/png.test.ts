import { describe, expect, it } from "vitest";
import { renderDemoImage } from "../../../workers/generation/demo-media";
import { crc32 } from "../../../workers/lib/crc32";
import { decodePng, expectedCrc, PNG_SIGNATURE, readChunks, referenceCrc32 } from "./png-reader";

const distinctColours = (rgb: Uint8Array): number => {
  const seen = new Set<number>();
  for (let i = 0; i < rgb.length; i += 3) seen.add((rgb[i]! << 16) | (rgb[i + 1]! << 8) | rgb[i + 2]!);
  return seen.size;
};

const meanAbsoluteDifference = (a: Uint8Array, b: Uint8Array): number => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
};

describe("CRC-32", () => {
  it("matches the standard check value and a bitwise reference", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    const bytes = crypto.getRandomValues(new Uint8Array(4096));
    expect(crc32(bytes.subarray(0, 1000), bytes.subarray(1000))).toBe(referenceCrc32(bytes));
  });
});

describe("demo PNG images", () => {
  it("is a well-formed PNG of the requested size with valid chunk CRCs", async () => {
    const png = await renderDemoImage({ prompt: "a lighthouse in a storm", seed: 1, width: 1344, height: 768 });
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const chunks = readChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    for (const chunk of chunks) expect(chunk.crc, chunk.type).toBe(expectedCrc(chunk));
    const decoded = await decodePng(png);
    expect(decoded).toMatchObject({ width: 1344, height: 768, bitDepth: 8, colourType: 2 });
  });

  it("draws a real picture, not a flat box", async () => {
    const { rgb } = await decodePng(await renderDemoImage({ prompt: "cherry blossoms", seed: 3, width: 256, height: 192 }));
    expect(distinctColours(rgb)).toBeGreaterThan(2000);
    const luma = Array.from(
      { length: rgb.length / 3 },
      (_, i) => 0.2126 * rgb[i * 3]! + 0.7152 * rgb[i * 3 + 1]! + 0.0722 * rgb[i * 3 + 2]!,
    );
    expect(Math.max(...luma) - Math.min(...luma)).toBeGreaterThan(40);
  });

  it("gives identical bytes for the same prompt and seed", async () => {
    const options = { prompt: "same every time", seed: 99, width: 320, height: 240 };
    expect(await renderDemoImage(options)).toEqual(await renderDemoImage({ ...options }));
  });

  it("gives clearly different pictures for a different prompt or seed", async () => {
    const size = { width: 192, height: 192 };
    const base = await decodePng(await renderDemoImage({ prompt: "neon city at night", seed: 5, ...size }));
    const otherPrompt = await decodePng(await renderDemoImage({ prompt: "a bowl of fruit", seed: 5, ...size }));
    const otherSeed = await decodePng(await renderDemoImage({ prompt: "neon city at night", seed: 6, ...size }));
    expect(meanAbsoluteDifference(base.rgb, otherPrompt.rgb)).toBeGreaterThan(12);
    expect(meanAbsoluteDifference(base.rgb, otherSeed.rgb)).toBeGreaterThan(12);
  });

  it("handles every requested size, odd ones included, and any safe-integer seed", async () => {
    for (const [width, height, seed] of [
      [17, 31, -1],
      [1152, 864, Number.MAX_SAFE_INTEGER],
      [864, 1152, 0],
    ] as const) {
      const decoded = await decodePng(await renderDemoImage({ prompt: "", seed, width, height }));
      expect([decoded.width, decoded.height]).toEqual([width, height]);
    }
  });

  it("rejects sizes and seeds it cannot draw", async () => {
    await expect(renderDemoImage({ prompt: "x", seed: 1, width: 0, height: 64 })).rejects.toThrow();
    await expect(renderDemoImage({ prompt: "x", seed: 1, width: 64, height: 4097 })).rejects.toThrow();
    await expect(renderDemoImage({ prompt: "x", seed: 1.5, width: 64, height: 64 })).rejects.toThrow();
  });
});
