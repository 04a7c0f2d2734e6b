/** Colour: a harmonious palette picked in OKLCH (perceptually even), converted to sRGB once per scene. */

/** An sRGB colour with channels in 0..255 (gamma-encoded, ready to blend and quantise). */
export type Rgb = readonly [number, number, number];

export interface Palette {
  /** Three background stops, dark-to-light or light-to-dark depending on the mood. */
  background: readonly [Rgb, Rgb, Rgb];
  /** Colours for shapes, waves and glow. */
  accents: readonly Rgb[];
}

// Hue offsets (degrees) of classic colour harmonies; one is chosen per scene.
const HARMONIES: readonly (readonly number[])[] = [
  [0, 24, -24, 48, -48, 12],
  [0, 180, 18, 198, -18, 162],
  [0, 120, 240, 20, 140, 260],
  [0, 150, 210, 30, 180, -30],
  [0, 90, 180, 270, 45, 225],
];

const toSrgbByte = (linear: number): number => {
  const v = Math.min(1, Math.max(0, linear));
  const encoded = v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
  return encoded * 255;
};

/** OKLab to linear sRGB (Björn Ottosson's published matrices). */
function oklabToLinear(l: number, a: number, b: number): [number, number, number] {
  const l1 = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m1 = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s1 = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l1 - 3.3077115913 * m1 + 0.2309699292 * s1,
    -1.2684380046 * l1 + 2.6097574011 * m1 - 0.3413193965 * s1,
    -0.0041960863 * l1 - 0.7034186147 * m1 + 1.707614701 * s1,
  ];
}

/** OKLCH to sRGB, lowering chroma until the colour fits the sRGB gamut (keeps hue and lightness). */
function oklch(lightness: number, chroma: number, hueDegrees: number): Rgb {
  const h = (hueDegrees * Math.PI) / 180;
  let c = chroma;
  for (let i = 0; i < 24; i++) {
    const rgb = oklabToLinear(lightness, c * Math.cos(h), c * Math.sin(h));
    if (rgb.every((v) => v >= -0.0005 && v <= 1.0005) || c < 0.005) {
      return [toSrgbByte(rgb[0]), toSrgbByte(rgb[1]), toSrgbByte(rgb[2])];
    }
    c *= 0.85;
  }
  return [toSrgbByte(lightness), toSrgbByte(lightness), toSrgbByte(lightness)];
}

/** Draws a palette from `random`: a base hue, a harmony, and a dark or light mood. */
export function pickPalette(random: () => number): Palette {
  const hue = random() * 360;
  const harmony = HARMONIES[Math.floor(random() * HARMONIES.length)]!;
  const dark = random() < 0.6;
  const vivid = 0.08 + random() * 0.1;
  const background: [Rgb, Rgb, Rgb] = dark
    ? [oklch(0.16, 0.05, hue + harmony[1]!), oklch(0.26, 0.08, hue), oklch(0.38, 0.1, hue + harmony[2]!)]
    : [oklch(0.95, 0.03, hue + harmony[1]!), oklch(0.86, 0.07, hue), oklch(0.74, 0.1, hue + harmony[2]!)];
  const accents = harmony.map((offset, i) =>
    oklch(dark ? 0.6 + 0.08 * (i % 3) : 0.55 + 0.08 * (i % 3), vivid + 0.04 * (i % 2), hue + offset),
  );
  return { background, accents };
}
