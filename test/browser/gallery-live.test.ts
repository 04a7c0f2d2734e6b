import { expect, it } from "vitest";
import { newUser, signUpVerifiedInContext } from "./support/accounts";
import { recordPageErrors, screenshot } from "./support/browser";
import { startGeneration, waitForJob } from "./support/generations";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

/** The browser's own log lines for the live channel's reconnects and expected 401/404 answers. */
function unexpected(errors: string[]): string[] {
  return errors.filter((e) => !/status of (401|404)/.test(e) && !/\/api\/live/.test(e));
}

it("shows a job's results in the open gallery as it finishes: at once when empty, else behind a 'new items' button that moves nothing; no toast, no reload", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { origin } = suite.server;
  await signUpVerifiedInContext(context, origin, newUser("gallery-live"));
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${origin}/gallery`);
  await expect.poll(() => page.getByText("Your gallery is empty — create something").count()).toBe(1);
  const documentLoads: string[] = [];
  page.on("framenavigated", (frame) => frame === page.mainFrame() && documentLoads.push(frame.url()));

  const first = await startGeneration(context.request, origin, { model: "demo-image", prompt: "harbour at first light", count: 2 });
  const tiles = page.locator(".gallery-grid .tile");
  await expect.poll(() => tiles.count(), { timeout: 20_000 }).toBe(2);
  // With items on screen, the next result waits behind a button: the grid does not reflow under the pointer.
  const boxesBefore = await tiles.evaluateAll((els) => els.map((el) => JSON.stringify(el.getBoundingClientRect())));
  const second = await startGeneration(context.request, origin, { model: "demo-image", prompt: "kite over dunes", count: 1 });
  const show = page.getByRole("button", { name: "1 new item · Show" });
  await expect.poll(() => show.isVisible(), { timeout: 20_000 }).toBe(true);
  expect(await tiles.count()).toBe(2);
  expect(await tiles.evaluateAll((els) => els.map((el) => JSON.stringify(el.getBoundingClientRect())))).toEqual(boxesBefore);
  await screenshot(page, "gallery-new-items");
  await show.click();
  await expect.poll(() => tiles.count()).toBe(3);
  expect(await show.count()).toBe(0);
  // Focus goes to the newest tile, not to the page.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.closest(".tile")?.getAttribute("data-media-id")))
    .toBe(await tiles.first().getAttribute("data-media-id"));

  // Newest first, as a reload would list them; each with a thumbnail that loads.
  const done = await waitForJob(context.request, origin, second.id);
  const firstDone = await waitForJob(context.request, origin, first.id);
  const shownIds = await tiles.evaluateAll((els) => els.map((el) => el.getAttribute("data-media-id")));
  expect(shownIds[0]).toBe(done.media[0]!.id);
  expect(new Set(shownIds.slice(1))).toEqual(new Set(firstDone.media.map((m) => m.id)));
  await expect
    .poll(() => page.locator(".gallery-grid img").evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0)))
    .toBe(true);
  // The arrival is the notice: no "ready" toast with a link to the page already open, and no reload.
  expect(await page.getByText(/generations? (is )?ready/).count()).toBe(0);
  expect(documentLoads).toEqual([]);
  await screenshot(page, "gallery-live");

  // A filter that excludes images keeps new images out.
  await page.getByText("Uploads", { exact: true }).click();
  await expect.poll(() => page.getByText("Nothing matches").count()).toBe(1);
  const third = await startGeneration(context.request, origin, { model: "demo-image", prompt: "quiet lane", count: 1 });
  await waitForJob(context.request, origin, third.id);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await tiles.count()).toBe(0);

  expect(unexpected(errors)).toEqual([]);
  await context.close();
});

it("keeps the filter, the search and the open item in the address; Back closes the viewer; an item has its own address", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { origin } = suite.server;
  await signUpVerifiedInContext(context, origin, newUser("gallery-address"));
  const job = await startGeneration(context.request, origin, { model: "demo-image", prompt: "lighthouse in fog", count: 2 });
  const [newer, older] = (await waitForJob(context.request, origin, job.id)).media;
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  await page.goto(`${origin}/create`);
  await page.goto(`${origin}/gallery`);
  // Items' tiles only: while a filter loads, the grid shows skeleton tiles (no id) under the same class.
  const tiles = page.locator(".gallery-grid .tile[data-media-id]");
  const loading = page.locator('.gallery-grid[aria-busy="true"]');
  await expect.poll(() => tiles.count()).toBe(2);

  // Filters and a search go in the address (replacing the entry, so Back does not walk through them).
  await page.getByText("Images", { exact: true }).click();
  await expect.poll(() => page.url()).toBe(`${origin}/gallery?kind=image`);
  await page.getByRole("searchbox", { name: "Search prompts" }).fill("lighthouse");
  await expect.poll(() => page.url()).toBe(`${origin}/gallery?kind=image&q=lighthouse`);
  await expect.poll(async () => (await loading.count()) === 0 && (await tiles.count()) === 2).toBe(true);

  // Opening an item gives it its address; stepping replaces it; Back closes the viewer and stays.
  const dialog = page.locator("dialog.lightbox");
  const openId = await tiles.first().getAttribute("data-media-id");
  await tiles
    .first()
    .getByRole("button", { name: /^Open:/ })
    .click();
  await expect.poll(() => dialog.isVisible()).toBe(true);
  await expect.poll(() => page.url()).toBe(`${origin}/gallery/${openId}?kind=image&q=lighthouse`);
  await page.keyboard.press("ArrowRight");
  const otherId = openId === newer!.id ? older!.id : newer!.id;
  await expect.poll(() => page.url()).toBe(`${origin}/gallery/${otherId}?kind=image&q=lighthouse`);
  await page.goBack();
  await expect.poll(() => dialog.count()).toBe(0);
  expect(page.url()).toBe(`${origin}/gallery?kind=image&q=lighthouse`);
  expect(await tiles.count()).toBe(2);
  // Escape closes too, by going back to the grid's entry.
  await tiles
    .first()
    .getByRole("button", { name: /^Open:/ })
    .click();
  await expect.poll(() => dialog.isVisible()).toBe(true);
  await page.keyboard.press("Escape");
  await expect.poll(() => page.url()).toBe(`${origin}/gallery?kind=image&q=lighthouse`);
  await page.goBack();
  await expect.poll(() => page.url()).toBe(`${origin}/create`);

  // A reload (or a pasted link) of an item's address opens it over its filtered grid.
  await page.goto(`${origin}/gallery/${older!.id}?q=lighthouse`);
  await expect.poll(() => dialog.isVisible()).toBe(true);
  await expect.poll(() => page.getByRole("searchbox", { name: "Search prompts" }).inputValue()).toBe("lighthouse");
  await screenshot(page, "gallery-item-address");
  // Closing one opened by address goes to its grid, not away from the site.
  await page.keyboard.press("Escape");
  await expect.poll(() => page.url()).toBe(`${origin}/gallery?q=lighthouse`);

  // An item that is not the person's: a plain notice over the grid.
  await page.goto(`${origin}/gallery/00000000-0000-4000-8000-000000000000`);
  await expect.poll(() => page.getByText("That item is not in your gallery.", { exact: false }).count()).toBe(1);
  expect(page.url()).toBe(`${origin}/gallery`);
  expect(await dialog.count()).toBe(0);

  expect(unexpected(errors)).toEqual([]);
  await context.close();
});
