/** How to draw: rasterises a placed scene into 8-bit RGB rows, band by band (never a full float canvas). */
import type { Frame, PlacedBlob, PlacedWave } from "./place";
import { pixelNoise } from "./random";

/** Share of pixels that carry a grain speck. */
const GRAIN_DENSITY = 0.12;

function paintBackground(frame: Frame, y: number, row: Float32Array): void {
  const { width, height, scene } = frame;
  const cos = Math.cos(scene.angle);
  const sin = Math.sin(scene.angle);
  const span = Math.abs(cos) + Math.abs(sin);
  const [a, b, c] = scene.background;
  const base = (((2 * y + 1) / height - 1) * sin) / (2 * span) + 0.5;
  const step = (2 * cos) / (width * 2 * span);
  for (let x = 0, i = 0; x < width; x++, i += 3) {
    const s = base + ((2 * x + 1 - width) / 2) * step;
    const low = s < 0.5;
    const from = low ? a : b;
    const to = low ? b : c;
    const u = low ? s * 2 : s * 2 - 1;
    const k = u * u * (3 - 2 * u);
    row[i] = from[0] + (to[0] - from[0]) * k;
    row[i + 1] = from[1] + (to[1] - from[1]) * k;
    row[i + 2] = from[2] + (to[2] - from[2]) * k;
  }
}

function paintBlob(blob: PlacedBlob, width: number, y: number, row: Float32Array): void {
  const dy0 = y - blob.cy;
  if (Math.abs(dy0) >= blob.reach) return;
  const shiftX = blob.wobble * Math.sin(y * blob.rowFrequency + blob.rowPhase);
  const start = Math.max(0, Math.floor(blob.cx - blob.reach));
  const end = Math.min(width, Math.ceil(blob.cx + blob.reach));
  const [r, g, b] = blob.color;
  for (let x = start; x < end; x++) {
    const dx = x - blob.cx + shiftX;
    const dy = dy0 + blob.columnShift[x]!;
    const q = (dx * dx + dy * dy) * blob.inverseRadius2;
    if (q >= 1) continue;
    const edge = Math.min(1, (1 - q) * blob.inverseSoftness);
    const cover = edge * edge * (3 - 2 * edge) * blob.alpha;
    const i = x * 3;
    if (blob.additive) {
      row[i] = row[i]! + r * cover * 0.55;
      row[i + 1] = row[i + 1]! + g * cover * 0.55;
      row[i + 2] = row[i + 2]! + b * cover * 0.55;
    } else {
      // A faint highlight towards the centre gives the disc some depth.
      const shine = 0.22 * (1 - q) * (1 - q);
      row[i] = row[i]! + (r + (255 - r) * shine - row[i]!) * cover;
      row[i + 1] = row[i + 1]! + (g + (255 - g) * shine - row[i + 1]!) * cover;
      row[i + 2] = row[i + 2]! + (b + (255 - b) * shine - row[i + 2]!) * cover;
    }
  }
}

function paintWave(wave: PlacedWave, width: number, y: number, row: Float32Array): void {
  if (y < wave.top || y > wave.bottom) return;
  const [r, g, b] = wave.color;
  for (let x = 0, i = 0; x < width; x++, i += 3) {
    const d = y - wave.line[x]!;
    let cover: number;
    if (wave.hill) {
      // Anti-aliased edge, then slightly denser with depth so hills read as layered.
      cover = Math.min(1, Math.max(0, d + 0.5)) * (0.8 + 0.2 * Math.min(1, d / (wave.thickness * 4)));
    } else {
      const e = Math.max(0, 1 - Math.abs(d) / wave.thickness);
      cover = e * e * (3 - 2 * e);
    }
    if (cover <= 0) continue;
    const a = cover * wave.alpha;
    row[i] = row[i]! + (r - row[i]!) * a;
    row[i + 1] = row[i + 1]! + (g - row[i + 1]!) * a;
    row[i + 2] = row[i + 2]! + (b - row[i + 2]!) * a;
  }
}

/** Draws rows `y0`..`y1` (exclusive) as packed 8-bit RGB into `out`, starting at its first byte. */
export function drawRows(frame: Frame, y0: number, y1: number, out: Uint8Array): void {
  const { width, height } = frame;
  const row = new Float32Array(width * 3);
  const pixels = new Uint8ClampedArray(out.buffer, out.byteOffset, out.byteLength);
  const { vignette, salt } = frame.scene;
  for (let y = y0; y < y1; y++) {
    paintBackground(frame, y, row);
    for (const blob of frame.blobs) paintBlob(blob, width, y, row);
    for (const wave of frame.waves) paintWave(wave, width, y, row);
    const vy = ((2 * y + 1) / height - 1) ** 2;
    const base = (y - y0) * width * 3;
    for (let x = 0, i = 0; x < width; x++, i += 3) {
      const v = (vy + frame.vignetteX[x]!) / 2;
      const shade = 1 - vignette * v * v;
      // Sparse grain (one pixel in eight): dense low-amplitude noise is deflate's worst case
      // (measured 2–3× slower to compress and twice the bytes) and looks no better at 1:1.
      const speck = pixelNoise(x, y, salt);
      const grain = speck < GRAIN_DENSITY / 2 ? frame.grain : speck > 1 - GRAIN_DENSITY / 2 ? -frame.grain : 0;
      // Uint8ClampedArray rounds and clamps on store, so no per-channel branching here.
      pixels[base + i] = row[i]! * shade + grain;
      pixels[base + i + 1] = row[i + 1]! * shade + grain;
      pixels[base + i + 2] = row[i + 2]! * shade + grain;
    }
  }
}
