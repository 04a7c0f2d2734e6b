/** The demo video: frame sizes per aspect ratio, and an MP4 streamed frame by frame from a known layout. */

import type { Geometry } from "./h264";
import { geometry, idrPcmPicture, pictureParameterSet, sequenceParameterSet } from "./h264";
import { durationMs, mp4Prefix } from "./mp4";
import { placeScene } from "./place";
import { drawRows } from "./raster";
import type { Scene } from "./scene";
import { rgbToYuv420 } from "./yuv";

/**
 * Visible sizes. I_PCM costs 384 bytes per 16×16 macroblock per frame (~1.1 MB per second at these
 * sizes and 12 fps), so the frames stay small; each is the aspect ratio at roughly 57,600 pixels.
 */
export const DEMO_VIDEO_SIZES = {
  "16:9": { width: 320, height: 180 },
  "9:16": { width: 180, height: 320 },
  "1:1": { width: 240, height: 240 },
  "4:3": { width: 288, height: 216 },
  "3:4": { width: 216, height: 288 },
} as const;

export type DemoAspectRatio = keyof typeof DEMO_VIDEO_SIZES;

export const DEMO_VIDEO_FPS = 12;
/** Grain is static per pixel; at video sizes a lighter touch reads as texture rather than noise. */
const VIDEO_GRAIN = 0.5;

/** Everything known about a demo video before its first frame is drawn. */
export interface VideoPlan {
  geo: Geometry;
  frames: number;
  durationMs: number;
  totalBytes: number;
  prefix: Uint8Array;
  sampleSizes: number[];
}

/** A length-prefixed sample (the `avcC` layout) holding one NAL unit. */
function sample(nal: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + nal.length);
  new DataView(out.buffer).setUint32(0, nal.length);
  out.set(nal, 4);
  return out;
}

/** Draws frame `index` of the scene as a YUV picture of the plan's coded size. */
function drawPicture(scene: Scene, geo: Geometry, index: number) {
  const frame = placeScene(scene, geo.width, geo.height, index / DEMO_VIDEO_FPS, VIDEO_GRAIN);
  const rgb = new Uint8Array(geo.width * geo.height * 3);
  drawRows(frame, 0, geo.height, rgb);
  return rgbToYuv420(rgb, geo.width, geo.height, geo.codedWidth, geo.codedHeight);
}

/** Packed RGB of the first frame, for the poster. */
export function firstFrameRgb(scene: Scene, width: number, height: number): (y0: number, y1: number, rgb: Uint8Array) => void {
  const frame = placeScene(scene, width, height, 0, VIDEO_GRAIN);
  return (y0, y1, rgb) => drawRows(frame, y0, y1, rgb);
}

/** Lays out a video of `seconds` (at least one frame): sample sizes, container prefix, total length. */
export function planVideo(aspectRatio: DemoAspectRatio, seconds: number): VideoPlan {
  const { width, height } = DEMO_VIDEO_SIZES[aspectRatio];
  const geo = geometry(width, height);
  const frames = Math.max(1, Math.round(seconds * DEMO_VIDEO_FPS));
  // Sample sizes are measured on a flat grey picture: with every I_PCM sample in 16..240 the bytes
  // never trigger emulation prevention, so the size depends only on the frame's idr_pic_id.
  const grey = rgbToYuv420(new Uint8Array(width * height * 3).fill(128), width, height, geo.codedWidth, geo.codedHeight);
  const sizeById = [0, 1].map((id) => sample(idrPcmPicture(geo, grey, id)).length);
  const sampleSizes = Array.from({ length: frames }, (_, i) => sizeById[i % 2]!);
  const layout = {
    width,
    height,
    fps: DEMO_VIDEO_FPS,
    sampleSizes,
    syncSamples: sampleSizes.map((_, i) => i + 1),
    sps: sequenceParameterSet(geo, DEMO_VIDEO_FPS),
    pps: pictureParameterSet(),
  };
  const { prefix, totalBytes } = mp4Prefix(layout);
  return { geo, frames, durationMs: durationMs(layout), totalBytes, prefix, sampleSizes };
}

/** Streams the planned MP4: the prefix, then one drawn and encoded frame per pull (memory stays at one frame). */
export function streamVideo(scene: Scene, plan: VideoPlan): ReadableStream<Uint8Array> {
  let next = -1;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (next === -1) {
          controller.enqueue(plan.prefix);
        } else {
          const bytes = sample(idrPcmPicture(plan.geo, drawPicture(scene, plan.geo, next), next % 2));
          if (bytes.length !== plan.sampleSizes[next]) {
            controller.error(new Error(`demo video frame ${next} is ${bytes.length} bytes, planned ${plan.sampleSizes[next]}`));
            return;
          }
          controller.enqueue(bytes);
        }
        next++;
        if (next === plan.frames) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}
