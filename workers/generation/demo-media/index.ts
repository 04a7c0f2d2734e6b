/**
 * Offline demo media: real, viewable PNG images and H.264/MP4 videos drawn from a prompt and seed,
 * using only web-standard APIs so it runs inside the Worker. Same inputs, same bytes.
 */
import { z } from "zod";
import { placeScene } from "./place";
import { encodePng } from "./png";
import { drawRows } from "./raster";
import { buildScene } from "./scene";
import { DEMO_VIDEO_FPS, DEMO_VIDEO_SIZES, firstFrameRgb, planVideo, streamVideo } from "./video";

export type { DemoAspectRatio } from "./video";
export { DEMO_VIDEO_FPS, DEMO_VIDEO_SIZES } from "./video";

/** Longest demo video; at I_PCM rates ~1.1 MB per second keeps a file near 11 MB at most. */
export const DEMO_VIDEO_MAX_SECONDS = 10;
/** Largest image side: the row-band renderer needs little memory, but the PNG itself is held whole. */
export const DEMO_IMAGE_MAX_SIDE = 2048;

// No length cap: the prompt is only hashed, and the API has already bounded it.
const prompt = z.string();
const seed = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

export const demoImageOptions = z.object({
  prompt,
  seed,
  width: z.number().int().min(16).max(DEMO_IMAGE_MAX_SIDE),
  height: z.number().int().min(16).max(DEMO_IMAGE_MAX_SIDE),
});

export const demoVideoOptions = z.object({
  prompt,
  seed,
  aspectRatio: z.enum(["1:1", "16:9", "9:16", "4:3", "3:4"]),
  durationSeconds: z
    .number()
    .min(1 / DEMO_VIDEO_FPS)
    .max(DEMO_VIDEO_MAX_SECONDS),
});

export type DemoImageOptions = z.infer<typeof demoImageOptions>;
export type DemoVideoOptions = z.infer<typeof demoVideoOptions>;

/** A video whose length is known before its bytes are produced (R2 needs it for a streaming put). */
export interface DemoVideo {
  contentType: "video/mp4";
  width: number;
  height: number;
  durationMs: number;
  bytes: number;
  body: ReadableStream<Uint8Array>;
}

/** Draws a PNG for the prompt and seed at the given size; throws a ZodError on invalid options. */
export async function renderDemoImage(options: DemoImageOptions): Promise<Uint8Array> {
  const { prompt, seed, width, height } = demoImageOptions.parse(options);
  const frame = placeScene(buildScene(prompt, seed), width, height, 0);
  return encodePng(width, height, (y0, y1, rgb) => drawRows(frame, y0, y1, rgb));
}

/** Lays out an H.264 MP4 for the prompt and seed and returns it as a stream of known length. */
export function renderDemoVideo(options: DemoVideoOptions): DemoVideo {
  const { prompt, seed, aspectRatio, durationSeconds } = demoVideoOptions.parse(options);
  const plan = planVideo(aspectRatio, durationSeconds);
  return {
    contentType: "video/mp4",
    width: plan.geo.width,
    height: plan.geo.height,
    durationMs: plan.durationMs,
    bytes: plan.totalBytes,
    body: streamVideo(buildScene(prompt, seed), plan),
  };
}

/** The first frame of the matching video as a PNG (same size), for thumbnails. */
export async function renderDemoPoster(options: DemoVideoOptions): Promise<Uint8Array> {
  const { prompt, seed, aspectRatio } = demoVideoOptions.parse(options);
  const { width, height } = DEMO_VIDEO_SIZES[aspectRatio];
  return encodePng(width, height, firstFrameRgb(buildScene(prompt, seed), width, height));
}
