/** RGBA pixels with their size. */
export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Where source pixel (x, y) of a w×h picture lands for each EXIF orientation (1 = as stored). */
const PLACE: Record<number, (x: number, y: number, w: number, h: number) => [number, number]> = {
  2: (x, y, w) => [w - 1 - x, y],
  3: (x, y, w, h) => [w - 1 - x, h - 1 - y],
  4: (x, y, _w, h) => [x, h - 1 - y],
  5: (x, y) => [y, x],
  6: (x, y, _w, h) => [h - 1 - y, x],
  7: (x, y, w, h) => [h - 1 - y, w - 1 - x],
  8: (x, y, w) => [y, w - 1 - x],
};

/** Turns stored pixels upright for an EXIF orientation, as a browser shows them. */
export function orient(pixels: Pixels, orientation: number): Pixels {
  const place = PLACE[orientation];
  if (!place) return pixels;
  const { data, width: w, height: h } = pixels;
  const quarterTurn = orientation >= 5;
  const outWidth = quarterTurn ? h : w;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [dx, dy] = place(x, y, w, h);
      out.set(data.subarray((y * w + x) * 4, (y * w + x) * 4 + 4), (dy * outWidth + dx) * 4);
    }
  }
  return { data: out, width: outWidth, height: quarterTurn ? w : h };
}
