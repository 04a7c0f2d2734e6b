import { expect, it } from "vitest";
import type { MediaView } from "../../../shared/media";
import { ROW_HEIGHT, tileAspect } from "../../../web/src/pages/gallery/tile-size";
import { formatSrcset, tileCandidates, tileSlot } from "../../../web/src/pages/gallery/tile-sources";

const media = (patch: Partial<MediaView>): MediaView => ({
  id: "m1",
  kind: "upload",
  contentType: "image/png",
  bytes: 1,
  url: "/media/m1",
  thumbnailUrl: "/media/m1/thumbnail",
  favorite: false,
  createdAt: 0,
  ...patch,
});

it("offers the thumbnail alone, at its real width when the original's size is known", () => {
  expect(formatSrcset(tileCandidates(media({ width: 1600, height: 1000 }))!)).toBe("/media/m1/thumbnail 512w");
  expect(formatSrcset(tileCandidates(media({ width: 1000, height: 1600 }))!)).toBe("/media/m1/thumbnail 320w");
  expect(formatSrcset(tileCandidates(media({ width: 320, height: 200 }))!)).toBe("/media/m1/thumbnail 320w");
  // Size unknown: a bare URL (1x), still never the original.
  expect(formatSrcset(tileCandidates(media({}))!)).toBe("/media/m1/thumbnail");
  expect(tileCandidates(media({ thumbnailUrl: undefined, width: 10, height: 10 }))).toBeUndefined();
});

it("keeps each tile's shape within limits, a square while the size is unknown, and states its width at the row height", () => {
  expect(tileAspect({ width: 1600, height: 900 })).toBeCloseTo(16 / 9, 2);
  expect(tileAspect({ width: 900, height: 1600 })).toBeCloseTo(9 / 16, 2);
  expect(tileAspect({ width: 4000, height: 500 })).toBe(2.5);
  expect(tileAspect({ width: 100, height: 1000 })).toBe(0.5);
  expect(tileAspect({})).toBe(1);
  expect(tileSlot({ width: 1600, height: 900 }, "medium")).toBe(
    `(max-width: 820px) ${Math.ceil(ROW_HEIGHT.medium.narrow * 1.778)}px, ${Math.ceil(ROW_HEIGHT.medium.wide * 1.778)}px`,
  );
  expect(tileSlot({}, "small")).toBe(`(max-width: 820px) ${ROW_HEIGHT.small.narrow}px, ${ROW_HEIGHT.small.wide}px`);
});
