// Writes sample demo images, posters and videos to a folder (default: a fresh temp folder) so they can
// be checked with real tools (ffprobe, ffmpeg, a browser). Usage: node bench/demo-media/write-samples.mjs [outDir]
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleDemoMedia } from "./bundle.mjs";

const outDir = process.argv[2] ?? mkdtempSync(join(tmpdir(), "ausar-demo-samples-"));
mkdirSync(outDir, { recursive: true });
const media = await import(pathToFileURL(await bundleDemoMedia()).href);

const prompts = ["a lighthouse in a storm", "cherry blossoms at dawn", "neon city at night"];
const imageSizes = [
  [1024, 1024],
  [1344, 768],
  [768, 1344],
  [1152, 864],
  [864, 1152],
];
for (const [i, prompt] of prompts.entries()) {
  const [width, height] = imageSizes[i % imageSizes.length];
  const png = await media.renderDemoImage({ prompt, seed: 1, width, height });
  writeFileSync(join(outDir, `image-${i}-${width}x${height}.png`), png);
}
for (const aspectRatio of ["16:9", "1:1", "9:16", "4:3", "3:4"]) {
  const options = { prompt: `drifting ${aspectRatio}`, seed: 7, aspectRatio, durationSeconds: aspectRatio === "16:9" ? 8 : 5 };
  const video = media.renderDemoVideo(options);
  const bytes = new Uint8Array(await new Response(video.body).arrayBuffer());
  if (bytes.length !== video.bytes) throw new Error(`announced ${video.bytes} bytes, streamed ${bytes.length}`);
  const name = `video-${aspectRatio.replace(":", "x")}`;
  writeFileSync(join(outDir, `${name}.mp4`), bytes);
  writeFileSync(join(outDir, `${name}-poster.png`), await media.renderDemoPoster(options));
  console.log(`${name}.mp4 ${video.width}x${video.height} ${video.durationMs} ms ${video.bytes} bytes`);
}
console.log(outDir);
