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
import { quantile } from "../lib/stats.mjs";
import { verifyEmail } from "../lib/verify-email.mjs";

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
    const email = `bench-gallery-live-${viewport.width}-${Date.now()}@example.com`;
    const signup = await context.request.post(`${worker.url}/api/auth/signup`, {
      data: { name: "Bench", email, password: "quiet-lantern-orbit-7204", ageConfirmed: true, acceptPolicies: true },
    });
    if (signup.status() !== 201) throw new Error(`sign-up ${signup.status()}: ${await signup.text()}`);
    await verifyEmail(worker.url, email);
    // A screenful already there, in mixed shapes.
    for (let n = 0; n < 12; n++) await generate(context.request, `bench earlier ${n}`, SHAPES[n % SHAPES.length]);
    const page = await context.newPage();
    await page.goto(`${worker.url}/gallery`);
    await page.waitForFunction(() => document.querySelectorAll(".gallery-grid .tile").length >= 12, null, { timeout: 30_000 });
    await page.waitForTimeout(1000);
    await page.evaluate(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          window.__shifts.push({
            at: e.startTime,
            value: e.value,
            input: e.hadRecentInput,
            what: e.sources
              .map(
                (x) =>
                  `${x.node?.className || x.node?.nodeName} ${Math.round(x.previousRect.x)},${Math.round(x.previousRect.y)}→${Math.round(x.currentRect.x)},${Math.round(x.currentRect.y)}`,
              )
              .join(" | "),
          });
        }
      }).observe({ type: "layout-shift", buffered: false });
    });
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
    const shifts = (await page.evaluate(() => window.__shifts)).filter(
      (e) => !e.input && windows.some((w) => e.at >= w.from && e.at <= w.to + 500),
    );
    const cls = shifts.reduce((sum, e) => sum + e.value, 0);
    console.log(
      `${viewport.width}×${viewport.height}, ${RUNS} arrivals at the top of the gallery: start → "new item" on screen ` +
        `p50 ${quantile(shown, 0.5).toFixed(0)} ms; CLS while results arrive ${cls.toFixed(4)} (${shifts.length} shifts)`,
    );
    if (process.argv.includes("--sources"))
      console.log(
        shifts
          .slice(0, 10)
          .map((e) => e.what)
          .join("\n"),
      );
    await context.close();
  }
} finally {
  await browser.close();
  await worker.stop();
}
