// The gallery while results arrive, as a person sees it, in Debian's Chromium (playwright-core): a fresh
// `wrangler dev` with the demo provider at 0 delay, one verified user with a screenful of items, the
// gallery open at the top (the worst case: scroll anchoring cannot hold what is on screen), then N jobs
// started through the API one after the other. Each is waited for until its "new item" button is on
// screen (timed from the start request), then the button is pressed as a person would. CLS: layout-shift
// entries without recent input from each start until its button is seen (+ 500 ms), summed.
// Build first (`npm run build`): the Worker serves web/dist.
// Usage: node bench/gallery/live.bench.mjs [--runs 10] [--sources] (what moved, when CLS is not 0)
import { chromium } from "playwright-core";
import { startLocalWorker } from "../lib/local-worker.mjs";
import { layoutShiftsIn, signUpVerifiedIn, watchLayoutShifts } from "../lib/page-bench.mjs";
import { quantile } from "../lib/stats.mjs";

const i = process.argv.indexOf("--runs");
const RUNS = i === -1 ? 10 : Number(process.argv[i + 1]);
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];
const SHAPES = ["1:1", "16:9", "9:16", "4:3", "3:4"];

const worker = await startLocalWorker({ vars: { DEMO_DELAY_MS: "0", SIGNUP_CREDITS: "1000" } });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});

async function generate(request, prompt, aspectRatio) {
  const started = await request.post(`${worker.url}/api/generations`, {
    headers: { Origin: worker.url },
    data: { model: "demo-image", prompt, count: 1, aspectRatio },
  });
  if (started.status() !== 202 && started.status() !== 201) throw new Error(`generate ${started.status()}: ${await started.text()}`);
  return (await started.json()).job.id;
}

try {
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({ viewport });
    await signUpVerifiedIn(context, worker.url, `bench-gallery-live-${viewport.width}-${Date.now()}@example.com`);
    // A screenful already there, in mixed shapes.
    for (let n = 0; n < 12; n++) await generate(context.request, `bench earlier ${n}`, SHAPES[n % SHAPES.length]);
    const page = await context.newPage();
    await page.goto(`${worker.url}/gallery`);
    await page.waitForFunction(() => document.querySelectorAll(".gallery-grid .tile").length >= 12, null, { timeout: 30_000 });
    await page.waitForTimeout(1000);
    await watchLayoutShifts(page, { buffered: false });
    const windows = [];
    const shown = [];
    for (let run = 0; run < RUNS; run++) {
      const from = await page.evaluate(() => performance.now());
      await generate(context.request, `bench arriving ${viewport.width} ${run}`, SHAPES[run % SHAPES.length]);
      await page.locator(".gallery-arrivals-button").waitFor({ timeout: 20_000 });
      const to = await page.evaluate(() => performance.now());
      windows.push({ from, to });
      shown.push(to - from);
      await page.waitForTimeout(500);
      await page.locator(".gallery-arrivals-button").click();
      await page.locator(".gallery-arrivals-button").waitFor({ state: "detached" });
      await page.waitForTimeout(600);
    }
    const { cls, count } = await layoutShiftsIn(page, windows, 10);
    console.log(
      `${viewport.width}×${viewport.height}, ${RUNS} arrivals at the top of the gallery: start → "new item" on screen ` +
        `p50 ${quantile(shown, 0.5).toFixed(0)} ms; CLS while results arrive ${cls.toFixed(4)} (${count} shifts)`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await worker.stop();
}
