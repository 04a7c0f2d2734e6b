import type { MediaView } from "../../../../shared/media";
import { fitWithin } from "../../../../shared/media-limits";
import { NARROW_MAX_WIDTH, ROW_HEIGHT, type TileSize, tileAspect } from "./tile-size";

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

/**
 * `sizes` for a tile image: the tile's width at its row height, narrow and wide. A row stretches its
 * tiles a little to fill the line (the last line does not), so this can fall short by that much; with
 * the thumbnail as the only candidate, the figure only tells the browser the picture's density, never
 * which file to fetch.
 */
export function tileSlot(media: Pick<MediaView, "width" | "height">, size: TileSize): string {
  const aspect = tileAspect(media);
  const { narrow, wide } = ROW_HEIGHT[size];
  return `(max-width: ${NARROW_MAX_WIDTH}px) ${Math.ceil(narrow * aspect)}px, ${Math.ceil(wide * aspect)}px`;
}
