import { describe, expect, it } from "vitest";
import { fitWithin } from "../../shared/media-limits";
import { AppError } from "../../workers/lib/errors";
import { newId } from "../../workers/lib/ids";
import { decodeCursor, encodeCursor } from "../../workers/media/cursor";
import { downloadName } from "../../workers/media/filenames";
import { orient } from "../../workers/media/orient";
import { parseRange } from "../../workers/media/range";

describe("parseRange", () => {
  it("serves one well-formed range, clamped to the object", () => {
    expect(parseRange("bytes=0-99", 1000)).toEqual({ kind: "single", range: { start: 0, end: 99 } });
    expect(parseRange("bytes=900-", 1000)).toEqual({ kind: "single", range: { start: 900, end: 999 } });
    expect(parseRange("bytes=-100", 1000)).toEqual({ kind: "single", range: { start: 900, end: 999 } });
    expect(parseRange("bytes=-5000", 1000)).toEqual({ kind: "single", range: { start: 0, end: 999 } });
    expect(parseRange("bytes=990-5000", 1000)).toEqual({ kind: "single", range: { start: 990, end: 999 } });
    expect(parseRange("bytes = 1 - 2", 1000)).toEqual({ kind: "single", range: { start: 1, end: 2 } });
  });

  it("refuses malformed and out-of-bounds ranges", () => {
    for (const header of ["bytes=", "bytes=-", "bytes=abc", "bytes=5-1", "items=0-1", "0-1", "bytes=1000-", "bytes=-0", "bytes=0-1,x"]) {
      expect(parseRange(header, 1000), header).toEqual({ kind: "unsatisfiable" });
    }
    expect(parseRange("bytes=0-0", 0)).toEqual({ kind: "unsatisfiable" });
  });

  it("serves several ranges as the whole object", () => {
    expect(parseRange("bytes=0-1,5-9", 1000)).toEqual({ kind: "multiple" });
  });
});

describe("cursor", () => {
  it("round-trips and refuses anything forged", () => {
    const cursor = { createdAt: 1_700_000_000_000, id: newId() };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const forged of ["", "abc", "!!!", btoa("1:not-an-id"), btoa(`x:${newId()}`), btoa(`1:${newId()}:x`), "A".repeat(500)]) {
      expect(() => decodeCursor(forged), forged).toThrow(AppError);
    }
  });
});

describe("downloadName", () => {
  it("makes ASCII names from the prompt and id, never from user file names", () => {
    const id = newId();
    expect(downloadName({ id, kind: "image", prompt: 'A "quoted"\r\nprompt; with/slashes & émigré', contentType: "image/png" })).toBe(
      `ausar-a-quoted-prompt-with-slashes-emigre-${id.slice(-8)}.png`,
    );
    expect(downloadName({ id, kind: "upload", prompt: null, contentType: "image/jpeg" })).toBe(`ausar-upload-${id.slice(-8)}.jpg`);
    expect(downloadName({ id, kind: "video", prompt: "x".repeat(100), contentType: "video/mp4" })).toMatch(
      /^ausar-video-[0-9a-f]{8}\.mp4$/,
    );
  });
});

describe("orient and fitWithin", () => {
  const pixels = { data: new Uint8Array([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 6, 0, 0, 0]), width: 3, height: 2 };
  const order = (p: { data: Uint8Array }) => [...p.data].filter((_, i) => i % 4 === 0);

  it("turns pixels as browsers do for each EXIF orientation", () => {
    // 1 2 3
    // 4 5 6
    expect(order(orient(pixels, 1))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(order(orient(pixels, 2))).toEqual([3, 2, 1, 6, 5, 4]);
    expect(order(orient(pixels, 3))).toEqual([6, 5, 4, 3, 2, 1]);
    expect(order(orient(pixels, 4))).toEqual([4, 5, 6, 1, 2, 3]);
    expect(order(orient(pixels, 5))).toEqual([1, 4, 2, 5, 3, 6]);
    expect(order(orient(pixels, 6))).toEqual([4, 1, 5, 2, 6, 3]);
    expect(order(orient(pixels, 7))).toEqual([6, 3, 5, 2, 4, 1]);
    expect(order(orient(pixels, 8))).toEqual([3, 6, 2, 5, 1, 4]);
    expect(orient(pixels, 6)).toMatchObject({ width: 2, height: 3 });
  });

  it("fits within the edge without upscaling", () => {
    expect(fitWithin(1024, 576)).toEqual({ width: 512, height: 288 });
    expect(fitWithin(100, 50)).toEqual({ width: 100, height: 50 });
    expect(fitWithin(10_000, 1)).toEqual({ width: 512, height: 1 });
  });
});
