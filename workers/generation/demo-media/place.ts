/** Where things are: a scene placed on a canvas of a given size at a given moment, in pixels. */
import type { Rgb } from "./palette";
import type { Scene } from "./scene";

const TAU = Math.PI * 2;

export interface PlacedBlob {
  cx: number;
  cy: number;
  radius: number;
  inverseRadius2: number;
  reach: number;
  wobble: number;
  rowFrequency: number;
  rowPhase: number;
  /** Vertical wobble per column, precomputed so the inner loop does no trigonometry. */
  columnShift: Float32Array;
  inverseSoftness: number;
  color: Rgb;
  alpha: number;
  additive: boolean;
}

export interface PlacedWave {
  hill: boolean;
  line: Float32Array;
  top: number;
  bottom: number;
  thickness: number;
  color: Rgb;
  alpha: number;
}

/** A scene placed on a canvas of a given size at a given time; draw it with `drawRows`. */
export interface Frame {
  width: number;
  height: number;
  scene: Scene;
  blobs: PlacedBlob[];
  waves: PlacedWave[];
  /** Squared horizontal distance from the centre (-1..1) per column, for the vignette. */
  vignetteX: Float32Array;
  grain: number;
}

function placeBlob(blob: Scene["blobs"][number], width: number, height: number, t: number): PlacedBlob {
  const scale = Math.sqrt(width * height);
  const turn = TAU * blob.speed * t + blob.phase;
  const radius = Math.max(1, blob.radius * scale);
  const wobble = blob.wobble * radius;
  const frequency = blob.wobbleFrequency / radius;
  const columnShift = new Float32Array(width);
  for (let x = 0; x < width; x++) columnShift[x] = wobble * Math.sin(x * frequency * 0.9 + blob.phase * 2 + turn);
  return {
    cx: (blob.x + blob.driftX * Math.sin(turn)) * width,
    cy: (blob.y + blob.driftY * Math.cos(turn * 0.8 + blob.phase)) * height,
    radius,
    inverseRadius2: 1 / (radius * radius),
    reach: radius + wobble,
    wobble,
    rowFrequency: frequency,
    rowPhase: blob.phase - turn,
    columnShift,
    inverseSoftness: 1 / blob.softness,
    color: blob.color,
    alpha: blob.alpha,
    additive: blob.additive,
  };
}

function placeWave(wave: Scene["waves"][number], width: number, height: number, t: number): PlacedWave {
  const line = new Float32Array(width);
  let top = height;
  let bottom = 0;
  for (let x = 0; x < width; x++) {
    const y = (wave.y + wave.amplitude * Math.sin((TAU * wave.frequency * x) / width + wave.phase + wave.speed * t)) * height;
    line[x] = y;
    top = Math.min(top, y);
    bottom = Math.max(bottom, y);
  }
  const thickness = Math.max(1, wave.thickness * height);
  const hill = wave.kind === "hill";
  return { hill, line, top: top - thickness, bottom: hill ? height : bottom + thickness, thickness, color: wave.color, alpha: wave.alpha };
}

/** Places `scene` on a `width`×`height` canvas at `t` seconds; `grainScale` scales the film grain. */
export function placeScene(scene: Scene, width: number, height: number, t: number, grainScale = 1): Frame {
  const vignetteX = new Float32Array(width);
  for (let x = 0; x < width; x++) vignetteX[x] = ((2 * x + 1) / width - 1) ** 2;
  return {
    width,
    height,
    scene,
    blobs: scene.blobs.map((blob) => placeBlob(blob, width, height, t)),
    waves: scene.waves.map((wave) => placeWave(wave, width, height, t)),
    vignetteX,
    grain: scene.grain * grainScale,
  };
}
