import { useState } from "hono/jsx/dom";
import type { MediaView } from "../../../../shared/media";
import { LOCAL_KEYS, readLocal, writeLocal } from "../../lib/local";

/** How large the gallery draws its items: the height of a row of the justified grid. */
export type TileSize = "small" | "medium" | "large";

export const TILE_SIZES: { value: TileSize; label: string }[] = [
  { value: "small", label: "Small" },
  { value: "medium", label: "Medium" },
  { value: "large", label: "Large" },
];

/** Up to this viewport width the grid uses the narrow row heights (gallery.css, the same breakpoint). */
export const NARROW_MAX_WIDTH = 820;

/**
 * Row heights in CSS px, on narrow and wide screens; gallery.css sets the same ones in `--row-height`:
 * change both together.
 */
export const ROW_HEIGHT: Record<TileSize, { narrow: number; wide: number }> = {
  small: { narrow: 110, wide: 150 },
  medium: { narrow: 160, wide: 220 },
  large: { narrow: 240, wide: 320 },
};

// Past these, a row would hold one sliver or one ribbon: such pictures are cropped to these shapes in the grid (never in the viewer).
const NARROWEST = 0.5;
const WIDEST = 2.5;

/** The shape a tile keeps (width / height): the item's own, within limits, or a square while it is unknown. */
export function tileAspect(media: Pick<MediaView, "width" | "height">): number {
  if (!media.width || !media.height) return 1;
  const ratio = media.width / media.height;
  return Math.min(WIDEST, Math.max(NARROWEST, Math.round(ratio * 1000) / 1000));
}

function isTileSize(value: string | null): value is TileSize {
  return TILE_SIZES.some((option) => option.value === value);
}

/** The chosen size, remembered on this device (a preference, `LOCAL_KEYS.gallerySize`). */
export function useTileSize(): [TileSize, (size: TileSize) => void] {
  const [size, setSize] = useState<TileSize>(() => {
    const stored = readLocal(LOCAL_KEYS.gallerySize);
    return isTileSize(stored) ? stored : "medium";
  });
  const choose = (next: TileSize) => {
    setSize(next);
    writeLocal(LOCAL_KEYS.gallerySize, next);
  };
  return [size, choose];
}
