import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { expect, it } from "vitest";

/** What the first screen downloads (gzip): the entry, its preloaded chunks and the stylesheet. */
const FIRST_LOAD_BUDGET_BYTES = 35 * 1024;

it("keeps the first load small: pages are split off the entry", () => {
  expect(existsSync("web/dist/index.html"), "web/dist is missing: run `npm run build` first (npm test does)").toBe(true);
  const html = readFileSync("web/dist/index.html", "utf8");
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? "");
  expect(assets.some((a) => a.endsWith(".js"))).toBe(true);
  expect(assets.filter((a) => a.includes("/page-"))).toEqual([]);
  const total = assets.reduce((sum, asset) => sum + gzipSync(readFileSync(`web/dist${asset}`)).length, 0);
  expect(total).toBeLessThan(FIRST_LOAD_BUDGET_BYTES);
});
