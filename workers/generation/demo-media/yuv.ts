/** RGB to YUV 4:2:0 (BT.709, limited range), padded to whole 16×16 macroblocks by repeating edge pixels. */

/** Planar 4:2:0 picture: `y` is `width`×`height`, `u` and `v` are half that in each direction. */
export interface Yuv420 {
  width: number;
  height: number;
  y: Uint8ClampedArray;
  u: Uint8ClampedArray;
  v: Uint8ClampedArray;
}

// BT.709 luma weights; limited range maps luma to 16..235 and chroma to 16..240 (219 and 224 steps).
const KR = 0.2126;
const KB = 0.0722;
const KG = 1 - KR - KB;
const LUMA_SCALE = 219 / 255;
const CB_SCALE = 224 / 255 / (2 * (1 - KB));
const CR_SCALE = 224 / 255 / (2 * (1 - KR));

/**
 * Converts packed RGB (`width`×`height`) to a `codedWidth`×`codedHeight` 4:2:0 picture.
 * Every sample lands in 16..240, so none is zero: I_PCM bytes then never need emulation prevention.
 */
export function rgbToYuv420(rgb: Uint8Array, width: number, height: number, codedWidth: number, codedHeight: number): Yuv420 {
  const y = new Uint8ClampedArray(codedWidth * codedHeight);
  const u = new Uint8ClampedArray((codedWidth / 2) * (codedHeight / 2));
  const v = new Uint8ClampedArray(u.length);
  const at = (px: number, py: number): number => (Math.min(py, height - 1) * width + Math.min(px, width - 1)) * 3;
  for (let py = 0; py < codedHeight; py++) {
    for (let px = 0; px < codedWidth; px++) {
      const i = at(px, py);
      y[py * codedWidth + px] = 16 + LUMA_SCALE * (KR * rgb[i]! + KG * rgb[i + 1]! + KB * rgb[i + 2]!);
    }
  }
  const chromaWidth = codedWidth / 2;
  for (let cy = 0; cy < codedHeight / 2; cy++) {
    for (let cx = 0; cx < chromaWidth; cx++) {
      const i00 = at(cx * 2, cy * 2);
      const i10 = at(cx * 2 + 1, cy * 2);
      const i01 = at(cx * 2, cy * 2 + 1);
      const i11 = at(cx * 2 + 1, cy * 2 + 1);
      const r = rgb[i00]! + rgb[i10]! + rgb[i01]! + rgb[i11]!;
      const g = rgb[i00 + 1]! + rgb[i10 + 1]! + rgb[i01 + 1]! + rgb[i11 + 1]!;
      const b = rgb[i00 + 2]! + rgb[i10 + 2]! + rgb[i01 + 2]! + rgb[i11 + 2]!;
      const luma = (KR * r + KG * g + KB * b) / 4;
      u[cy * chromaWidth + cx] = 128 + CB_SCALE * (b / 4 - luma);
      v[cy * chromaWidth + cx] = 128 + CR_SCALE * (r / 4 - luma);
    }
  }
  return { width: codedWidth, height: codedHeight, y, u, v };
}
