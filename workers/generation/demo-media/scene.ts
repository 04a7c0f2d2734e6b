/** What to draw: a scene description drawn deterministically from the prompt and seed. */

import type { Rgb } from "./palette";
import { pickPalette } from "./palette";
import { prng, sceneSeed } from "./random";

/** A soft, wobbly disc. Positions are fractions of the frame; the radius a fraction of √(width × height). */
interface Blob {
  x: number;
  y: number;
  radius: number;
  color: Rgb;
  alpha: number;
  /** 0 = crisp edge, 1 = fully diffuse. */
  softness: number;
  /** Added light instead of painted over: reads as a glow. */
  additive: boolean;
  wobble: number;
  wobbleFrequency: number;
  phase: number;
  /** Drift amplitude (fractions of the frame) and speed (cycles per second) for video. */
  driftX: number;
  driftY: number;
  speed: number;
}

/** A band under a sine curve (a hill) or along it (a ribbon). */
interface Wave {
  kind: "hill" | "ribbon";
  y: number;
  amplitude: number;
  /** Cycles across the frame width. */
  frequency: number;
  phase: number;
  /** Radians per second for video. */
  speed: number;
  thickness: number;
  color: Rgb;
  alpha: number;
}

export interface Scene {
  /** Angle of the background gradient (radians). */
  angle: number;
  background: readonly [Rgb, Rgb, Rgb];
  blobs: Blob[];
  waves: Wave[];
  /** Strength of a grain speck, in 8-bit levels. */
  grain: number;
  /** Darkening at the corners, 0..1. */
  vignette: number;
  /** Salt for the grain pattern, so two scenes never share it. */
  salt: number;
}

const between = (random: () => number, low: number, high: number): number => low + random() * (high - low);

/** Builds the scene for a prompt and seed; the same inputs always give the same scene. */
export function buildScene(prompt: string, seed: number): Scene {
  const state = sceneSeed(prompt, seed);
  const random = prng(state);
  const palette = pickPalette(random);
  const pick = (): Rgb => palette.accents[Math.floor(random() * palette.accents.length)]!;
  const blobs: Blob[] = Array.from({ length: 4 + Math.floor(random() * 4) }, (_, i) => ({
    x: between(random, 0.05, 0.95),
    y: between(random, 0.05, 0.95),
    radius: i === 0 ? between(random, 0.35, 0.55) : between(random, 0.1, 0.32),
    color: pick(),
    alpha: between(random, 0.45, 0.9),
    softness: i === 0 ? 1 : between(random, 0.15, 1),
    additive: random() < 0.3,
    wobble: between(random, 0, 0.12),
    wobbleFrequency: between(random, 1.5, 5),
    phase: random() * Math.PI * 2,
    driftX: between(random, 0.04, 0.18),
    driftY: between(random, 0.03, 0.14),
    speed: between(random, 0.05, 0.16) * (random() < 0.5 ? -1 : 1),
  }));
  const waves: Wave[] = Array.from({ length: Math.floor(random() * 4) }, (_, i) => ({
    kind: random() < 0.55 ? "hill" : "ribbon",
    y: between(random, 0.45, 0.85) + i * 0.04,
    amplitude: between(random, 0.02, 0.09),
    frequency: between(random, 0.5, 2.5),
    phase: random() * Math.PI * 2,
    speed: between(random, 0.3, 1.1) * (random() < 0.5 ? -1 : 1),
    thickness: between(random, 0.03, 0.12),
    color: pick(),
    alpha: between(random, 0.25, 0.6),
  }));
  return {
    angle: random() * Math.PI * 2,
    background: palette.background,
    blobs,
    waves,
    grain: between(random, 3, 6),
    vignette: between(random, 0.15, 0.4),
    salt: state,
  };
}
