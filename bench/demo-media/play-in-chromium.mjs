// Plays MP4 files in Debian's Chromium (headless, through playwright-core) and reports whether each one
// decodes: the <video> must advance past one second, know its size, and paint a real picture.
// The files are served from 127.0.0.1 (file:// pages would taint the canvas used to read the picture).
// Usage: node bench/demo-media/play-in-chromium.mjs file.mp4... (SCREENSHOT_DIR=dir to keep screenshots)
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { basename, join, resolve } from "node:path";
import { chromium } from "playwright-core";

const files = process.argv.slice(2).map((file) => resolve(file));
if (files.length === 0) throw new Error("usage: node play-in-chromium.mjs file.mp4...");

const server = createServer((req, res) => {
  const index = Number(new URL(req.url, "http://127.0.0.1").pathname.slice(1));
  if (!files[index]) return void res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><body></body>");
  res.writeHead(200, { "content-type": "video/mp4" }).end(readFileSync(files[index]));
});
await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
const origin = `http://127.0.0.1:${server.address().port}`;

async function play(page, src) {
  return page.evaluate(async (src) => {
    const video = document.createElement("video");
    video.muted = true;
    video.src = src;
    document.body.append(video);
    const canPlay = video.canPlayType('video/mp4; codecs="avc1.42C01E"');
    try {
      await video.play();
    } catch (error) {
      return { canPlay, error: String(error) };
    }
    const started = Date.now();
    while (video.currentTime <= 1 && !video.error && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 50));
    video.pause();
    // Read the decoded picture back: a decoder that "plays" but paints nothing would leave one flat colour.
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context = canvas.getContext("2d");
    context.drawImage(video, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    const { currentTime, videoWidth, videoHeight, duration } = video;
    return { canPlay, currentTime, videoWidth, videoHeight, duration, distinctColours: colours.size, error: video.error?.message ?? null };
  }, src);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || process.env.CHROME_PATH || "/usr/bin/chromium" });
let failures = 0;
try {
  const page = await browser.newPage();
  for (const [index, file] of files.entries()) {
    await page.goto(`${origin}/page`);
    const result = await play(page, `${origin}/${index}`);
    const played = !result.error && result.currentTime > 1 && result.videoWidth > 0 && result.distinctColours > 100;
    if (!played) failures++;
    if (process.env.SCREENSHOT_DIR)
      await page.locator("video").screenshot({ path: join(process.env.SCREENSHOT_DIR, `${basename(file)}.png`) });
    console.log(played ? "played" : "FAILED", file, JSON.stringify(result));
  }
} finally {
  await browser.close();
  server.close();
}
process.exitCode = failures ? 1 : 0;
