import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import type { MediaView } from "../../shared/media";
import { fillSignup, newUser, signUpInContext, verifyInContext } from "./support/accounts";
import { recordPageErrors, recordRequests, screenshot } from "./support/browser";
import { png } from "./support/images";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

/** The browser's own log lines for expected 401s (signed-out checks) and the live channel. */
function unexpected(errors: string[]): string[] {
  return errors.filter((e) => !/status of 401/.test(e) && !/\/api\/live/.test(e));
}

it("uploads images, shows them in the grid, opens the lightbox, favorites and deletes", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const requests = recordRequests(context);
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  const { origin } = suite.server;

  await page.goto(`${origin}/signup`);
  await fillSignup(page, newUser("gallery"));
  await page.waitForURL(`${origin}/create`);
  await page.goto(`${origin}/gallery`);
  await expect.poll(() => page.getByText("Your gallery is empty — create something").count()).toBe(1);
  // Storage usage: nothing yet, of the configured 2 GiB quota.
  const meter = page.locator("meter.storage-usage-meter");
  const meterValue = () => meter.evaluate((m) => (m as HTMLMeterElement).value);
  await expect.poll(() => page.getByText("Storage: 0 KB of 2.00 GB used").count()).toBe(1);
  expect(await meter.evaluate((m) => (m as HTMLMeterElement).max)).toBe(2 ** 31);

  // Upload two images through the upload area's file picker.
  await page.getByRole("button", { name: "Upload" }).click();
  await page.locator(".upload-area input[type=file]").setInputFiles([
    { name: "red.png", mimeType: "image/png", buffer: png(320, 200, [220, 40, 40]) },
    { name: "blue.png", mimeType: "image/png", buffer: png(200, 320, [40, 60, 220]) },
  ]);
  const tiles = page.locator(".gallery-grid .tile");
  await expect.poll(() => tiles.count(), { timeout: 15_000 }).toBe(2);
  await expect.poll(() => page.getByText("Uploaded", { exact: true }).count()).toBe(2);
  // The person's own photos are not called AI-generated.
  expect(await page.locator(".gallery-grid .ai-label").count()).toBe(0);
  // The meter follows the uploads: it shows what the API counts.
  const usageNow = async () => ((await (await page.request.get(`${origin}/api/media/usage`)).json()) as { bytes: number }).bytes;
  const afterUploads = await usageNow();
  expect(afterUploads).toBeGreaterThan(0);
  await expect.poll(meterValue).toBe(afterUploads);
  // Thumbnails really load (same-origin, with the session), each tile in its picture's shape, one row one height.
  await expect
    .poll(() => page.locator(".gallery-grid img").evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth > 0)))
    .toEqual([true, true]);
  const shapes = async () => {
    const boxes = await tiles.evaluateAll((all) => all.map((tile) => tile.getBoundingClientRect()));
    return boxes.map((box) => ({ ratio: box.width / box.height, height: Math.round(box.height) }));
  };
  const keepsShapes = async () => {
    const [portrait, landscape] = (await shapes()).map((shape) => shape.ratio).sort();
    expect(portrait).toBeCloseTo(200 / 320, 2);
    expect(landscape).toBeCloseTo(320 / 200, 2);
  };
  const [first, second] = await shapes();
  await keepsShapes();
  expect(first!.height).toBe(second!.height);
  await screenshot(page, "gallery-grid");
  // The size control: larger rows, same shapes, remembered on this device.
  await page.getByRole("radio", { name: "Large" }).click();
  await expect.poll(async () => (await shapes())[0]!.height).toBeGreaterThan(first!.height);
  const large = (await shapes())[0]!.height;
  await page.reload();
  await expect.poll(() => page.getByRole("radio", { name: "Large" }).isChecked()).toBe(true);
  await expect.poll(async () => (await shapes())[0]?.height).toBe(large);
  await page.getByRole("radio", { name: "Small" }).click();
  await expect.poll(async () => (await shapes())[0]!.height).toBeLessThan(first!.height);
  await keepsShapes();
  await page.getByRole("radio", { name: "Medium" }).click();

  // Open the newest; the arrow key steps to the next one.
  await tiles
    .first()
    .getByRole("button", { name: /^Open:/ })
    .click();
  const dialog = page.locator("dialog.lightbox");
  await expect.poll(() => dialog.isVisible()).toBe(true);
  const firstSrc = await dialog.locator("img.lightbox-media").getAttribute("src");
  await expect.poll(() => dialog.locator("img.lightbox-media").evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => dialog.locator("img.lightbox-media").getAttribute("src")).not.toBe(firstSrc);
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => dialog.locator("img.lightbox-media").getAttribute("src")).toBe(firstSrc);
  expect(await dialog.getByText("Your upload").count()).toBe(1);
  await screenshot(page, "gallery-lightbox");

  // Favorite from the lightbox: saved on the server.
  await dialog.getByRole("button", { name: "Favorite", exact: true }).click();
  await expect.poll(() => dialog.getByRole("button", { name: "Favorited" }).getAttribute("aria-pressed")).toBe("true");
  const id = firstSrc!.split("/").pop()!;
  await expect
    .poll(
      async () => ((await (await page.request.get(`${origin}/api/media/${id}`)).json()) as { media: { favorite: boolean } }).media.favorite,
    )
    .toBe(true);

  // Delete it, with confirmation: gone from the grid, the API and storage.
  await dialog.getByRole("button", { name: "Delete" }).click();
  const confirm = page.locator("dialog.confirm-dialog");
  await expect.poll(() => confirm.isVisible()).toBe(true);
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect.poll(() => tiles.count()).toBe(1);
  expect((await page.request.get(`${origin}/api/media/${id}`)).status()).toBe(404);
  expect((await page.request.get(`${origin}/media/${id}`)).status()).toBe(404);
  const afterDelete = await usageNow();
  expect(afterDelete).toBeLessThan(afterUploads);
  await expect.poll(meterValue).toBe(afterDelete);

  // The favorites filter now shows nothing.
  await page.keyboard.press("Escape");
  await expect.poll(() => dialog.count()).toBe(0);
  await page.getByRole("button", { name: "Favorites", exact: true }).click();
  await expect.poll(() => page.getByText("Nothing matches").count()).toBe(1);

  expect(requests.offOrigin(origin)).toEqual([]);
  expect(unexpected(errors)).toEqual([]);
  await context.close();
});

it("plays a generated video from the gallery and seeks in it (Range requests in Chromium)", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  const ranges: number[] = [];
  page.on("response", (response) => {
    if (/\/media\/[0-9a-f-]{36}$/.test(new URL(response.url()).pathname)) ranges.push(response.status());
  });
  const { origin } = suite.server;

  await page.goto(`${origin}/signup`);
  const user = newUser("video");
  await fillSignup(page, user);
  await page.waitForURL(`${origin}/create`);
  await verifyInContext(context, origin, user.email);
  const created = await page.request.post(`${origin}/api/generations`, {
    headers: { Origin: origin },
    data: { model: "demo-video", prompt: "a slow tide over black sand", durationSeconds: 4, aspectRatio: "16:9" },
  });
  expect(created.status()).toBe(202);
  const { job } = (await created.json()) as { job: { id: string } };
  await expect
    .poll(
      async () =>
        ((await (await page.request.get(`${origin}/api/generations/${job.id}`)).json()) as { job: { status: string } }).job.status,
      {
        timeout: 30_000,
      },
    )
    .toBe("succeeded");

  await page.goto(`${origin}/gallery`);
  // A click, then the address: the filter lives in the URL, so the radio turns on once the router has moved
  // (Playwright's check() reads the state at once and, on a loaded machine, can see it before the move).
  await page.getByRole("radio", { name: "Videos" }).click({ force: true });
  await expect.poll(() => page.url()).toBe(`${origin}/gallery?kind=video`);
  const tile = page.locator(".gallery-grid .tile").first();
  await expect.poll(() => tile.locator(".tile-badge").textContent()).toMatch(/0:0\d/);
  // What a model made says so, on the tile and in the viewer.
  expect(await tile.locator(".ai-label .ai-label-full").isVisible()).toBe(true);
  expect(await tile.locator(".ai-label .ai-label-full").textContent()).toBe("AI-generated");
  // Each of the tile's buttons names its item; favourite is one toggle.
  for (const action of ["Favorite", "Download", "Delete"])
    expect(
      await tile.getByRole(action === "Download" ? "link" : "button", { name: `${action}: a slow tide over black sand` }).count(),
    ).toBe(1);
  expect(await tile.getByRole("button", { name: /^Favorite:/ }).getAttribute("aria-pressed")).toBe("false");
  await tile.getByRole("button", { name: /^Open:/ }).click();
  await page.locator("dialog.lightbox .lightbox-title .ai-label", { hasText: "AI-generated" }).waitFor();
  const video = page.locator("dialog.lightbox video");
  await expect.poll(() => video.evaluate((v) => (v as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(1);
  const duration = await video.evaluate((v) => (v as HTMLVideoElement).duration);
  expect(duration).toBeGreaterThan(3);
  // Seek near the end: the player asks for bytes further on, which only works with 206 answers.
  const seeked = await video.evaluate(
    (v, to) =>
      new Promise<number>((resolve) => {
        const el = v as HTMLVideoElement;
        el.addEventListener("seeked", () => resolve(el.currentTime), { once: true });
        el.currentTime = to;
      }),
    duration - 0.5,
  );
  expect(seeked).toBeGreaterThan(duration - 1);
  expect(await video.evaluate((v) => (v as HTMLVideoElement).seekable.end(0))).toBeGreaterThan(3);
  expect(ranges).toContain(206);
  await screenshot(page, "gallery-video-phone");
  expect(unexpected(errors)).toEqual([]);
  await context.close();
});

/** The slot width the tile's `sizes` gives at the current viewport, and the cell's real width. */
function slotAndCell(page: Page): Promise<{ slot: number; cell: number }> {
  return page
    .locator(".gallery-grid img")
    .first()
    .evaluate((img) => {
      const entries = (img.getAttribute("sizes") ?? "").split(", ").map((entry) => {
        const conditional = /^(\(.+?\)) (.+)$/.exec(entry);
        return conditional ? { when: conditional[1]!, length: conditional[2]! } : { when: null, length: entry };
      });
      const chosen = entries.find((e) => e.when === null || matchMedia(e.when).matches);
      const probe = document.createElement("div");
      probe.style.position = "absolute";
      probe.style.width = chosen?.length ?? "0";
      document.body.append(probe);
      const slot = probe.getBoundingClientRect().width;
      probe.remove();
      return { slot, cell: img.closest(".tile")!.getBoundingClientRect().width };
    });
}

it("renders grid images with the media url as src, yet downloads only thumbnails, at DPR 1 and 2", async () => {
  const { origin } = suite.server;
  for (const deviceScaleFactor of [1, 2]) {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor });
    await signUpInContext(context, origin, newUser(`srcset-${deviceScaleFactor}x`));
    // Larger than a thumbnail both ways round, so each has a thumbnail and an original to choose from.
    const items: MediaView[] = [];
    for (const [width, height, rgb] of [
      [1600, 1000, [200, 120, 40]],
      [1000, 1600, [40, 140, 120]],
    ] as const) {
      const response = await context.request.post(`${origin}/api/uploads`, {
        headers: { Origin: origin, "Content-Type": "image/png" },
        data: png(width, height, [...rgb]),
      });
      expect(response.status()).toBe(201);
      items.unshift(((await response.json()) as { media: MediaView }).media); // the grid shows newest first
    }
    expect(items.map((m) => m.thumbnailUrl)).toEqual(items.map((m) => `${m.url}/thumbnail`));

    const page = await context.newPage();
    const fetched: string[] = [];
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith("/media/")) fetched.push(path);
    });
    await page.goto(`${origin}/gallery`);
    const images = page.locator(".gallery-grid img");
    await expect
      .poll(() =>
        images.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0)),
      )
      .toEqual([true, true]);
    // The contract (api.md): src is the media url; srcset offers the thumbnail at its real width.
    expect(await images.evaluateAll((imgs) => imgs.map((i) => i.getAttribute("src")))).toEqual(items.map((m) => m.url));
    expect(await images.evaluateAll((imgs) => imgs.map((i) => i.getAttribute("srcset")))).toEqual([
      `${items[0]!.thumbnailUrl} 320w`,
      `${items[1]!.thumbnailUrl} 512w`,
    ]);
    // What the browser chose and fetched: the thumbnails, never an original.
    expect(await images.evaluateAll((imgs) => imgs.map((i) => new URL((i as HTMLImageElement).currentSrc).pathname))).toEqual(
      items.map((m) => m.thumbnailUrl),
    );
    expect([...new Set(fetched)].sort()).toEqual(items.map((m) => m.thumbnailUrl!).sort());
    await screenshot(page, `gallery-srcset-${deviceScaleFactor}x`);

    if (deviceScaleFactor === 1) {
      // `sizes` names the tile's width where its row is not stretched (the last one, here both tiles), on
      // phones, the narrow shell and the wide one. (At 375 px the two do not fit one row.)
      for (const width of [600, 760, 800, 840, 1000, 1280, 1700]) {
        await page.setViewportSize({ width, height: 800 });
        const { slot, cell } = await slotAndCell(page);
        expect(Math.abs(slot - cell), `${width} px: sizes ${slot}, cell ${cell}`).toBeLessThan(1);
      }
    }
    await context.close();
  }
});

it("renews the session when a tile's thumbnail is refused, then loads it again through srcset", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const requests = recordRequests(context);
  const { origin } = suite.server;
  await signUpInContext(context, origin, newUser("retry"));
  const response = await context.request.post(`${origin}/api/uploads`, {
    headers: { Origin: origin, "Content-Type": "image/png" },
    data: png(1200, 900, [90, 30, 160]),
  });
  expect(response.status()).toBe(201);
  const { media } = (await response.json()) as { media: MediaView };

  // The first thumbnail request answers as an expired access cookie would; later ones go through.
  const page = await context.newPage();
  let refused = 0;
  await page.route(/\/media\/[0-9a-f-]{36}\/thumbnail$/, (route) =>
    refused++ === 0 ? route.fulfill({ status: 401, body: "" }) : route.continue(),
  );
  await page.goto(`${origin}/gallery`);
  const image = page.locator(".gallery-grid img");
  await expect.poll(() => image.evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0)).toBe(true);
  expect(refused).toBe(1);
  expect(await image.getAttribute("src")).toBe(`${media.url}?retry=1`);
  expect(await image.getAttribute("srcset")).toBe(`${media.thumbnailUrl}?retry=1 512w`);
  expect(
    await image.evaluate((i) => new URL((i as HTMLImageElement).currentSrc).pathname + new URL((i as HTMLImageElement).currentSrc).search),
  ).toBe(`${media.thumbnailUrl}?retry=1`);
  expect(requests.urls.filter((url) => url.endsWith("/api/auth/refresh"))).toHaveLength(1);
  expect(requests.urls.filter((url) => new URL(url).pathname === media.url)).toEqual([]);
  await context.close();
});

it("shows each upload as a chip: the whole name's type kept, one message per failure in one wording, cleared by the next choice; a chosen reference has its own ×", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const { origin } = suite.server;
  await signUpInContext(context, origin, newUser("chips"));
  await page.goto(`${origin}/gallery`);
  await page.getByRole("button", { name: "Upload" }).click();
  const input = page.locator(".upload-area input[type=file]");
  const chips = page.locator(".upload-chip");
  const longName = "notes-from-the-long-weekend-by-the-sea-final-version.txt";

  // Refused before sending (the browser's type) and by the server (the bytes): the same words.
  await input.setInputFiles([
    { name: longName, mimeType: "text/plain", buffer: Buffer.from("hello") },
    { name: "fake.png", mimeType: "image/png", buffer: Buffer.from("not really a png at all") },
  ]);
  await expect.poll(() => page.locator(".upload-chip-message").count()).toBe(2);
  expect(await page.locator(".upload-chip-message").allTextContents()).toEqual([
    "Only PNG, JPEG and WebP images can be uploaded.",
    "Only PNG, JPEG and WebP images can be uploaded.",
  ]);
  const first = chips.filter({ hasText: ".txt" });
  expect(await first.locator(".upload-chip-name").getAttribute("title")).toBe(longName);
  expect(await first.locator(".upload-chip-ext").isVisible()).toBe(true);
  await screenshot(page, "upload-chips-errors-phone");

  // × puts one away; a new choice clears the rest, and a success shows as its own chip.
  await first.getByRole("button", { name: `Dismiss: ${longName}` }).click();
  await expect.poll(() => chips.count()).toBe(1);
  await input.setInputFiles([{ name: "good.png", mimeType: "image/png", buffer: png(64, 64, [10, 200, 90]) }]);
  await expect.poll(() => chips.count()).toBe(1);
  await chips.filter({ hasText: "Uploaded" }).waitFor();
  expect(await page.locator(".upload-chip-message").count()).toBe(0);

  // On Create the upload is offered as a reference: a toggle, and × on the chosen one only removes it.
  await page.goto(`${origin}/create`);
  await page.locator("summary.options-summary").click();
  const tile = page.getByRole("button", { name: "Use as reference: your upload" });
  await tile.click();
  expect(await tile.getAttribute("aria-pressed")).toBe("true");
  const remove = page.getByRole("button", { name: "Remove reference: your upload" });
  const box = await remove.boundingBox();
  expect(box!.width).toBeGreaterThanOrEqual(24);
  expect(box!.height).toBeGreaterThanOrEqual(24);
  await screenshot(page, "reference-chosen-phone");
  await remove.click();
  expect(await tile.getAttribute("aria-pressed")).toBe("false");
  expect(await remove.count()).toBe(0);
  await context.close();
});
