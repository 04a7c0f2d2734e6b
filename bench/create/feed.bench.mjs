// Create's feed as a person sees it, in Debian's Chromium (playwright-core): a fresh `wrangler dev`
// with the demo provider at 0 delay (DEMO_DELAY_MS=0), one verified user, then per viewport
// (1280×800, 390×844) N Generate clicks, one after the other. In the page, timed from the click event:
//   placeholder — the first rAF frame in which the new card's first box is on screen, whole;
//   finished    — the first frame in which its <img> has loaded and is on screen, whole and uncovered
//                 (no scrolling: the page must show it where it is);
//   CLS         — layout-shift entries without recent input (the standard CLS rule) from each click until
//                 its image is seen (+ 500 ms), summed over the run: the page while results arrive.
// Build first (`npm run build`): the Worker serves web/dist.
// Usage: node bench/create/feed.bench.mjs [--runs 15] [--sources] (what moved, when CLS is not 0)
import { chromium } from "playwright-core";
import { startLocalWorker } from "../lib/local-worker.mjs";
import { layoutShiftsIn, signUpVerifiedIn, watchLayoutShifts } from "../lib/page-bench.mjs";
import { quantile } from "../lib/stats.mjs";

const i = process.argv.indexOf("--runs");
const RUNS = i === -1 ? 15 : Number(process.argv[i + 1]);
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

const worker = await startLocalWorker({ vars: { DEMO_DELAY_MS: "0", SIGNUP_CREDITS: "1000" } });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({ viewport });
    await signUpVerifiedIn(context, worker.url, `bench-feed-${viewport.width}-${Date.now()}@example.com`);
    const page = await context.newPage();
    await page.goto(`${worker.url}/create`);
    await page.locator("#create-prompt").waitFor();
    // CLS over the whole run, and the in-page clock for each click.
    await watchLayoutShifts(page, { buffered: true });

    const placeholder = [];
    const finished = [];
    const windows = [];
    for (let run = 0; run < RUNS; run++) {
      await page.locator("#create-prompt").fill(`bench lantern ${viewport.width} ${run} ${Date.now()}`);
      await page.waitForFunction(() => !document.querySelector(".generate-button")?.disabled);
      const done = page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const known = new Set(document.querySelectorAll(".result-card"));
            const button = document.querySelector(".generate-button");
            const whole = (el) => {
              const r = el.getBoundingClientRect();
              const tabbar = document.querySelector(".tabbar");
              const bottom = tabbar && getComputedStyle(tabbar).display !== "none" ? tabbar.getBoundingClientRect().top : innerHeight;
              if (r.width === 0 || r.top < 0 || r.bottom > bottom) return false;
              const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
              return hit !== null && el.contains(hit);
            };
            button.addEventListener(
              "click",
              () => {
                const t0 = performance.now();
                let shown = null;
                const frame = () => {
                  const card = [...document.querySelectorAll(".results-feed .result-card")].find((c) => !known.has(c));
                  const box = card?.querySelector(".result-frame");
                  if (shown === null && box && whole(box)) shown = performance.now() - t0;
                  const img = card?.querySelector("img.result-media");
                  if (shown !== null && img?.complete && img.naturalWidth > 0 && whole(img) && scrollY === 0) {
                    resolve({ placeholder: shown, finished: performance.now() - t0, from: t0, to: performance.now() });
                    return;
                  }
                  if (performance.now() - t0 > 20_000) reject(new Error(`not seen: ${card?.dataset.status}`));
                  else requestAnimationFrame(frame);
                };
                requestAnimationFrame(frame);
              },
              { once: true, capture: true },
            );
          }),
      );
      await page.locator(".generate-button").click();
      const result = await done;
      placeholder.push(result.placeholder);
      finished.push(result.finished);
      windows.push(result);
      await page.waitForTimeout(300);
    }
    // CLS while results arrive: shifts without recent input from each click until its image is seen (+ 500 ms).
    const { cls, count } = await layoutShiftsIn(page, windows, 20);
    const ms = (values, q) => quantile(values, q).toFixed(0);
    console.log(
      `${viewport.width}×${viewport.height}, ${RUNS} runs: click → placeholder on screen p50 ${ms(placeholder, 0.5)} ms, max ${ms(placeholder, 1)} ms; ` +
        `click → finished image on screen p50 ${ms(finished, 0.5)} ms, p90 ${ms(finished, 0.9)} ms; ` +
        `CLS while results arrive ${cls.toFixed(4)} (${count} shifts)`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await worker.stop();
}
