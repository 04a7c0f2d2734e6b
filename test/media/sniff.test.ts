import { describe, expect, it } from "vitest";
import { MAX_IMAGE_PIXELS } from "../../shared/media";
import { AppError } from "../../workers/lib/errors";
import { jpegOrientation } from "../../workers/media/exif-orientation";
import { inspectImage } from "../../workers/media/inspect";
import { sniffImage } from "../../workers/media/sniff";
import { jpeg, jpegWithOrientation, png, pngBombHeader, webp } from "./fixtures";

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return "no error";
}

/** A lossy WebP header (VP8 key frame) of the given size; the frame data itself is not needed to sniff. */
function vp8Header(width: number, height: number): Uint8Array {
  const b = new Uint8Array(40);
  b.set(new TextEncoder().encode("RIFF"), 0);
  new DataView(b.buffer).setUint32(4, 32, true);
  b.set(new TextEncoder().encode("WEBPVP8 "), 8);
  b.set([0x9d, 0x01, 0x2a], 23);
  new DataView(b.buffer).setUint16(26, width, true);
  new DataView(b.buffer).setUint16(28, height, true);
  return b;
}

function vp8xHeader(width: number, height: number): Uint8Array {
  const b = new Uint8Array(40);
  b.set(new TextEncoder().encode("RIFF"), 0);
  new DataView(b.buffer).setUint32(4, 32, true);
  b.set(new TextEncoder().encode("WEBPVP8X"), 8);
  const w = width - 1;
  const h = height - 1;
  b.set([w & 0xff, (w >> 8) & 0xff, w >> 16, h & 0xff, (h >> 8) & 0xff, h >> 16], 24);
  return b;
}

describe("sniffImage decides the type by the bytes", () => {
  it("reads PNG, JPEG and WebP (lossless) headers with their dimensions", () => {
    expect(sniffImage(png(64, 48))).toEqual({ contentType: "image/png", width: 64, height: 48, complete: true });
    expect(sniffImage(jpeg(33, 17))).toEqual({ contentType: "image/jpeg", width: 33, height: 17, complete: true });
    expect(sniffImage(webp(20, 10))).toEqual({ contentType: "image/webp", width: 20, height: 10, complete: true });
  });

  it("reads lossy (VP8) and extended (VP8X) WebP headers", () => {
    expect(sniffImage(vp8Header(640, 360))).toMatchObject({ contentType: "image/webp", width: 640, height: 360, complete: true });
    expect(sniffImage(vp8xHeader(5000, 70000))).toMatchObject({ width: 5000, height: 70000 });
  });

  it("refuses text, GIF, empty and random bytes", () => {
    const enc = new TextEncoder();
    expect(sniffImage(enc.encode("hello, I am a PNG, honest"))).toBeNull();
    expect(sniffImage(enc.encode("GIF89a\x01\x00\x01\x00"))).toBeNull();
    expect(sniffImage(new Uint8Array())).toBeNull();
    expect(sniffImage(crypto.getRandomValues(new Uint8Array(100)))).toBeNull();
    expect(sniffImage(enc.encode("RIFF\x10\x00\x00\x00WAVEfmt "))).toBeNull();
  });

  it("notices truncation of each format", () => {
    for (const bytes of [png(), jpeg(), webp()]) {
      expect(sniffImage(bytes)?.complete).toBe(true);
      const cut = sniffImage(bytes.subarray(0, Math.floor(bytes.length * 0.8)));
      expect(cut === null || cut.complete === false).toBe(true);
    }
  });
});

describe("inspectImage", () => {
  it("gives 415 for non-images and for a claimed type the bytes contradict", () => {
    expect(codeOf(() => inspectImage(new TextEncoder().encode("plain text")))).toBe("unsupported_media_type");
    expect(codeOf(() => inspectImage(jpeg(), "image/png"))).toBe("unsupported_media_type");
    expect(inspectImage(jpeg(), "image/jpeg").contentType).toBe("image/jpeg");
  });

  it("gives 400 for truncated images and 413 for decompression bombs", () => {
    const full = png(64, 48);
    expect(codeOf(() => inspectImage(full.subarray(0, full.length - 20)))).toBe("invalid_image");
    expect(codeOf(() => inspectImage(pngBombHeader(100_000, 100_000)))).toBe("image_too_large");
    expect(codeOf(() => inspectImage(pngBombHeader(0, 10)))).toBe("invalid_image");
    const side = Math.floor(Math.sqrt(MAX_IMAGE_PIXELS));
    expect(codeOf(() => inspectImage(pngBombHeader(side, side)))).toBe("no error");
    expect(codeOf(() => inspectImage(pngBombHeader(side + 1, side + 1)))).toBe("image_too_large");
  });

  it("reports the upright size of a JPEG rotated by its EXIF orientation", () => {
    expect(jpegOrientation(jpegWithOrientation(6, 64, 48))).toBe(6);
    expect(jpegOrientation(jpeg())).toBe(1);
    expect(inspectImage(jpegWithOrientation(6, 64, 48))).toMatchObject({ width: 48, height: 64, orientation: 6 });
    expect(inspectImage(jpegWithOrientation(3, 64, 48))).toMatchObject({ width: 64, height: 48, orientation: 3 });
  });
});
