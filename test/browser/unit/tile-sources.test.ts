import { expect, it } from "vitest";
import type { MediaView } from "../../../shared/media";
import { formatSrcset, TILE_SIZES, tileCandidates } from "../../../web/src/pages/gallery/tile-sources";

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

/** The grid cell width the CSS gives at a viewport width (layout.css + gallery.css + tokens.css), worked out independently. */
function cellWidth(viewport: number): number {
  const phone = viewport <= 720;
  const narrow = viewport <= 820;
  const content = Math.min(1200, viewport - (phone ? 32 : 296));
  const [min, gap] = narrow ? [120, 4] : [180, 8];
  const columns = Math.max(1, Math.floor((content + gap) / (min + gap)));
  return (content - (columns - 1) * gap) / columns;
}

/** Evaluates TILE_SIZES the way a browser does, for the forms it uses. */
function slotWidth(sizes: string, viewport: number): number {
  for (const entry of sizes.split(", ")) {
    const conditional = /^\(max-width: (\d+)px\) calc\(\(100vw - (\d+)px\) \/ (\d+)\)$/.exec(entry);
    if (conditional) {
      if (viewport <= Number(conditional[1])) return (viewport - Number(conditional[2])) / Number(conditional[3]);
      continue;
    }
    const fixed = /^(\d+)px$/.exec(entry);
    if (fixed) return Number(fixed[1]);
    throw new Error(`unexpected sizes entry ${entry}`);
  }
  throw new Error("sizes has no default");
}

it("gives sizes equal to the grid cell's width at every viewport width", () => {
  for (let viewport = 240; viewport <= 2400; viewport++) {
    expect(Math.abs(slotWidth(TILE_SIZES, viewport) - cellWidth(viewport)), `${viewport} px`).toBeLessThan(1);
  }
});
