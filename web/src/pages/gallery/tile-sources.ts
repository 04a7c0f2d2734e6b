import type { MediaView } from "../../../../shared/media";
import { fitWithin } from "../../../../shared/media-limits";

/** One `srcset` candidate: a URL and, when known, the real pixel width of what it serves. */
export interface SrcCandidate {
  url: string;
  width?: number;
}

/** Formats candidates for the `srcset` attribute (`url 512w, …`, or a bare URL when the width is unknown). */
export function formatSrcset(candidates: SrcCandidate[]): string {
  return candidates.map((c) => (c.width ? `${c.url} ${c.width}w` : c.url)).join(", ");
}

/**
 * The `srcset` of an image tile whose `src` is the original: the thumbnail alone, at its real width (the
 * original fitted within THUMBNAIL_EDGE), or bare when the original's size is unknown. With a width
 * descriptor the browser leaves `src` out of its choice, so a cell never downloads a full-size original.
 * Listing the original too was tried: Chromium at DPR 2 then fetched the 1000 px original of a portrait
 * 1000×1600 picture for a 190 px cell, as its 320 px wide thumbnail falls short of 2× the slot.
 */
export function tileCandidates(media: MediaView): SrcCandidate[] | undefined {
  if (!media.thumbnailUrl) return undefined;
  if (!media.width || !media.height) return [{ url: media.thumbnailUrl }];
  return [{ url: media.thumbnailUrl, width: fitWithin(media.width, media.height).width }];
}

/** A stretch of viewport widths with one grid rule: `repeat(auto-fill, minmax(minCell, 1fr))` in 100vw − inset. */
interface Band {
  upTo: number;
  inset: number;
  minCell: number;
  gap: number;
}

// These mirror the CSS: ≤ 720 px the shell has no sidebar and 16 px padding a side (layout.css); above
// that the 232 px sidebar and 32 px padding a side; ≤ 820 px the grid's cells are ≥ 120 px with 4 px
// gaps, wider ≥ 180 px with 8 px gaps (gallery.css); the content stops growing at 1200 px (tokens.css).
// 100vw counts a classic scrollbar too, so there the slot is overstated by a few px: never a smaller pick.
const CONTENT_MAX = 1200;
const BANDS: Band[] = [
  { upTo: 720, inset: 32, minCell: 120, gap: 4 },
  { upTo: 820, inset: 296, minCell: 120, gap: 4 },
  { upTo: 296 + CONTENT_MAX, inset: 296, minCell: 180, gap: 8 },
];

/** The `sizes` entries of one band: one per column count that occurs in it, as the exact cell width. */
function bandSizes(band: Band, from: number): string[] {
  const entries: string[] = [];
  for (let columns = 1; ; columns++) {
    // auto-fill adds a column once the content is wide enough for one more minimum cell and its gap.
    const nextAt = band.inset + (columns + 1) * (band.minCell + band.gap) - band.gap;
    if (nextAt <= from) continue;
    const upTo = Math.min(nextAt - 1, band.upTo);
    entries.push(`(max-width: ${upTo}px) calc((100vw - ${band.inset + (columns - 1) * band.gap}px) / ${columns})`);
    if (upTo === band.upTo) return entries;
  }
}

function gridSizes(): string {
  const entries = BANDS.flatMap((band, i) => bandSizes(band, (BANDS[i - 1]?.upTo ?? 0) + 1));
  const wide = BANDS[BANDS.length - 1]!;
  const columns = Math.floor((CONTENT_MAX + wide.gap) / (wide.minCell + wide.gap));
  return [...entries, `${Math.floor((CONTENT_MAX - (columns - 1) * wide.gap) / columns)}px`].join(", ");
}

/** `sizes` for a gallery tile image: the grid cell's CSS width at every viewport width. */
export const TILE_SIZES = gridSizes();
