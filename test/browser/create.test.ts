import type { Locator, Page } from "playwright-core";
import { expect, it } from "vitest";
import type { JobView } from "../../shared/generation";
import { fillSignup, newUser, signUpVerifiedInContext, signupCredits, verifyInContext } from "./support/accounts";
import { markDocument, recordLive, recordPageErrors, screenshot } from "./support/browser";
import { GENERATE_BUTTON, listJobs, startGeneration, waitForJob } from "./support/generations";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

/** The browser's own log lines for expected 401s (signed-out checks before sign-up). */
function unexpected(errors: string[]): string[] {
  return errors.filter((e) => !/status of 401/.test(e));
}

/** The job the last Generate press started (the newest listed that `known` did not have), once it has succeeded. */
async function pressedJob(page: Page, known: string[]): Promise<JobView> {
  let id: string | undefined;
  await expect
    .poll(async () => {
      id = (await listJobs(page.request, suite.server.origin)).find((job) => !known.includes(job.id))?.id;
      return id;
    })
    .toBeDefined();
  await waitForJob(page.request, suite.server.origin, id!);
  // Read back through the list, as the page does: that is where the media urls come from.
  return (await listJobs(page.request, suite.server.origin)).find((job) => job.id === id)!;
}

it("generates an image, then a video: each appears without a reload at its media url, and the balance drops by its cost", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  const { origin } = suite.server;

  await page.goto(`${origin}/signup`);
  const user = newUser("create");
  await fillSignup(page, user);
  await page.waitForURL(`${origin}/create`);
  const pill = page.getByTestId("credit-pill");
  await expect.poll(() => pill.textContent()).toBe("0");
  // The welcome credits arrive with the verification, and the pill shows them without a reload.
  await verifyInContext(context, origin, user.email);
  const start = signupCredits();
  await expect.poll(() => pill.textContent()).toBe(String(start));
  const sameDocument = await markDocument(page);

  // An image with the default model (Demo image, one picture at 1 credit).
  await page.locator("textarea").fill("a lighthouse on a cliff at dusk, warm light");
  const generate = page.getByRole("button", { name: GENERATE_BUTTON });
  expect(await generate.textContent()).toContain("1 credit");
  await generate.click();
  const image = await pressedJob(page, []);
  expect(image.media).toHaveLength(1);
  const picture = page.locator(`.results-feed img[src="${image.media[0]!.url}"]`);
  await expect
    .poll(() => picture.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0))
    .toBe(true);
  expect(image.media[0]!.url).toBe(`/media/${image.media[0]!.id}`);
  await expect.poll(() => pill.textContent()).toBe(String(start - image.cost));
  expect(await sameDocument()).toBe(true);

  // A two-second video with Demo video (5 credits a second).
  await page.locator("label.model-card", { hasText: "Demo video" }).click();
  await page.getByLabel("2 s", { exact: true }).check();
  await expect.poll(() => generate.textContent()).toContain("10 credits");
  await generate.click();
  const clip = await pressedJob(page, [image.id]);
  expect(clip.cost).toBe(10);
  const video = page.locator(`.results-feed video[src="${clip.media[0]!.url}"]`);
  await expect.poll(() => video.count()).toBe(1);
  await video.evaluate((v) => {
    const el = v as HTMLVideoElement;
    el.muted = true;
    return el.play();
  });
  await expect.poll(() => video.evaluate((v) => (v as HTMLVideoElement).currentTime)).toBeGreaterThan(0.5);
  await expect.poll(() => pill.textContent()).toBe(String(start - image.cost - clip.cost));
  expect(await sameDocument()).toBe(true);
  await screenshot(page, "create-results");
  expect(unexpected(errors)).toEqual([]);
  await context.close();
});

it("shows a job on History turn done live over the socket, with its provider, and Reuse settings refills Create", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { origin } = suite.server;
  await signUpVerifiedInContext(context, origin, newUser("history"));
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  const live = recordLive(page);
  await page.goto(`${origin}/history`);
  await expect.poll(() => page.getByText("No generations yet").count()).toBe(1);
  await live.open;
  const sameDocument = await markDocument(page);

  // Started from the page itself, as another tab's Create would: nothing tells History but the socket.
  const prompt = "a paper boat on a rain puddle";
  const id = await page.evaluate(
    async (body) => {
      const response = await fetch("/api/generations", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      return ((await response.json()) as { job: { id: string } }).job.id;
    },
    { model: "demo-image", prompt, count: 1, aspectRatio: "1:1" },
  );
  const card = page.locator(`.history-list [data-job-id="${id}"]`);
  await expect.poll(() => card.count()).toBe(1);
  await expect.poll(() => card.getAttribute("data-status")).toBe("succeeded");
  expect(await card.locator(".job-status-label").textContent()).toBe("Done");
  expect(await card.locator(".job-provider").textContent()).toBe("Generated by Ausar demo · demo/image-v1");
  await expect.poll(() => card.locator("img").evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  const statuses = live.messages.flatMap((m) => (m.type === "job" && (m.job as JobView).id === id ? [(m.job as JobView).status] : []));
  expect(statuses).toContain("succeeded");
  expect(await sameDocument()).toBe(true);
  await screenshot(page, "history-done");

  await card.getByRole("link", { name: "Reuse settings" }).click();
  await page.waitForURL(`${origin}/create?from=${id}`);
  await expect.poll(() => page.locator("textarea").inputValue()).toBe(prompt);
  expect(await page.locator("label.model-card-selected").textContent()).toContain("Demo image");
  expect(unexpected(errors)).toEqual([]);
  await context.close();
});

it("disables Generate when the balance is short, saying why and linking to Billing", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { origin } = suite.server;
  await signUpVerifiedInContext(context, origin, newUser("short"));
  // Spend one credit, so the longest demo video (50 credits, the whole welcome grant) is out of reach.
  const spent = await startGeneration(context.request, origin, { model: "demo-image", prompt: "one small spend", count: 1 });
  await waitForJob(context.request, origin, spent.id);
  const page = await context.newPage();
  await page.goto(`${origin}/create`);
  const pill = page.getByTestId("credit-pill");
  const left = signupCredits() - spent.cost;
  await expect.poll(() => pill.textContent()).toBe(String(left));

  await page.locator("textarea").fill("a long slow pan over dunes");
  await page.locator("label.model-card", { hasText: "Demo video" }).click();
  await page.getByLabel("10 s", { exact: true }).check();
  const generate = page.getByRole("button", { name: GENERATE_BUTTON });
  await expect.poll(() => generate.isDisabled()).toBe(true);
  const reason = page.locator("#generate-reason");
  expect(await reason.textContent()).toContain(`You need ${50 - left} credit${50 - left === 1 ? "" : "s"} more.`);
  expect(await generate.getAttribute("aria-describedby")).toContain("generate-reason");
  await screenshot(page, "create-short");

  // A shorter clip fits again; the longer one's way out is Billing.
  await page.getByLabel("8 s", { exact: true }).check();
  await expect.poll(() => generate.isDisabled()).toBe(false);
  await page.getByLabel("10 s", { exact: true }).check();
  await reason.getByRole("link", { name: "Buy credits" }).click();
  await page.waitForURL(`${origin}/billing`);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Billing");
  await context.close();
});

/**
 * Whether the box is wholly on screen where the person looks, without scrolling: inside the viewport,
 * below the sticky bars and above the phone's tab bar, and not covered at its centre.
 */
async function seenWhole(box: Locator): Promise<boolean> {
  return box.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const tabbar = document.querySelector(".tabbar");
    const bottom = tabbar && getComputedStyle(tabbar).display !== "none" ? tabbar.getBoundingClientRect().top : window.innerHeight;
    if (r.width === 0 || r.top < 0 || r.left < 0 || r.bottom > bottom || r.right > window.innerWidth) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && el.contains(hit);
  });
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  it(`at ${viewport.width}×${viewport.height}: Generate is disabled until there is a prompt; the placeholder, then the result, appear in view under the prompt without scrolling, focus stays on the prompt and the live region says so`, async () => {
    const context = await suite.browser.newContext({ viewport });
    const { origin } = suite.server;
    await signUpVerifiedInContext(context, origin, newUser(`feed${viewport.width}`));
    const page = await context.newPage();
    const errors = recordPageErrors(page);
    await page.goto(`${origin}/create`);
    const prompt = page.getByRole("textbox", { name: "Prompt" });
    const generate = page.getByRole("button", { name: GENERATE_BUTTON });
    await prompt.waitFor();
    expect(await generate.isDisabled()).toBe(true);
    expect(await page.getByTestId("generate-reason").textContent()).toBe("Write a prompt first.");
    const live = page.getByTestId("create-live");
    expect(await live.textContent()).toBe("");

    // The button keeps its place when typing starts.
    const before = await generate.boundingBox();
    await prompt.fill("lantern at dusk");
    await expect.poll(() => generate.isDisabled()).toBe(false);
    expect(await generate.boundingBox()).toEqual(before);

    await generate.click();
    const card = page.locator(".results-feed .result-card").first();
    const frame = card.getByTestId("result-frame").first();
    // The placeholder is there at once (the demo provider takes 1.5 s here) and seen whole.
    await expect.poll(() => card.locator(".result-placeholder").count()).toBe(1);
    expect(await card.getAttribute("data-status")).not.toBe("succeeded");
    expect(await seenWhole(frame)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("create-prompt");
    await expect.poll(() => live.textContent()).toMatch(/^(Starting an image|Queued|Generating an image): lantern at dusk\.$/);

    await expect.poll(() => card.getAttribute("data-status"), { timeout: 20_000 }).toBe("succeeded");
    const image = card.locator("img.result-media");
    await expect
      .poll(() => image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0))
      .toBe(true);
    expect(await seenWhole(image)).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect.poll(() => live.textContent()).toBe("Done: lantern at dusk. 1 result at the top of Results.");
    // Every tool names its item.
    for (const name of ["Open", "Favourite", "Download", "Share", "Use as reference:", "Copy prompt of", "Reuse settings of"]) {
      expect(
        await card.getByRole(/Download/.test(name) ? "link" : "button", { name: `${name} lantern at dusk`, exact: true }).count(),
      ).toBe(1);
    }
    await screenshot(page, `create-feed-${viewport.width}`);
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });
}

it("Ctrl+Enter in a multi-line prompt and Enter in a one-line one submit; an empty prompt says why next to it", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { origin } = suite.server;
  await signUpVerifiedInContext(context, origin, newUser("keys"));
  const page = await context.newPage();
  await page.goto(`${origin}/create`);
  const prompt = page.getByRole("textbox", { name: "Prompt" });
  await prompt.focus();
  await page.keyboard.press("Enter");
  expect(await page.locator("#prompt-error").textContent()).toBe("Write a prompt first.");
  expect(await prompt.getAttribute("aria-invalid")).toBe("true");
  expect(await page.locator(".results-feed .result-card").count()).toBe(0);

  await page.keyboard.type("a quiet harbour");
  await page.keyboard.press("Enter");
  await expect.poll(() => page.locator(".results-feed .result-card").count()).toBe(1);
  await expect.poll(() => page.locator(".results-feed [data-draft]").count()).toBe(0);
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("at dawn");
  expect(await prompt.inputValue()).toBe("a quiet harbour\nat dawn");
  await page.keyboard.press("Enter");
  expect(await prompt.inputValue()).toBe("a quiet harbour\nat dawn\n");
  expect(await page.locator(".results-feed .result-card").count()).toBe(1);
  await page.keyboard.press("Control+Enter");
  await expect.poll(() => page.locator(".results-feed .result-card").count()).toBe(2);
  await context.close();
});

it("Reuse settings runs with a new seed unless the seed is pinned", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { origin } = suite.server;
  await signUpVerifiedInContext(context, origin, newUser("seed"));
  const page = await context.newPage();
  await page.goto(`${origin}/create`);
  await page.getByRole("textbox", { name: "Prompt" }).fill("a red kite over hills");
  const generate = page.getByRole("button", { name: GENERATE_BUTTON });
  await generate.click();
  const first = await pressedJob(page, []);

  const card = page.locator(`.results-feed [data-job-id="${first.id}"]`);
  await expect.poll(() => card.getAttribute("data-status")).toBe("succeeded");
  await card.getByRole("button", { name: "Reuse settings of a red kite over hills" }).click();
  expect(await page.getByRole("radio", { name: "Random" }).isChecked()).toBe(true);
  expect(await page.getByTestId("seed-hint").textContent()).toContain(`the reused one was ${first.params.seed}`);
  await generate.click();
  const second = await pressedJob(page, [first.id]);
  expect(second.prompt).toBe(first.prompt);
  expect(second.params.seed).not.toBe(first.params.seed);

  // Pinned: the reused seed is sent, so the same picture comes back.
  const again = page.locator(`.results-feed [data-job-id="${second.id}"]`);
  await expect.poll(() => again.getAttribute("data-status")).toBe("succeeded");
  await again.getByRole("button", { name: "Reuse settings of a red kite over hills" }).click();
  await page.getByText("Pinned", { exact: true }).click();
  expect(await page.getByLabel("Seed to pin").inputValue()).toBe(String(second.params.seed));
  expect(await page.getByTestId("seed-hint").textContent()).toContain("Pinned");
  await generate.click();
  const third = await pressedJob(page, [first.id, second.id]);
  expect(third.params.seed).toBe(second.params.seed);
  await context.close();
});

it("lists running jobs in one queue panel with Cancel beside each; elsewhere finished jobs share one notice", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { origin } = suite.server;
  await signUpVerifiedInContext(context, origin, newUser("queue"));
  const page = await context.newPage();
  await page.goto(`${origin}/create`);
  const prompt = page.getByRole("textbox", { name: "Prompt" });
  await prompt.fill("first of two");
  await prompt.press("Enter");
  await expect.poll(() => page.locator(".results-feed .result-card:not([data-draft])").count()).toBe(1);
  await prompt.fill("second of two");
  await prompt.press("Enter");
  const panel = page.getByTestId("queue-panel");
  await expect.poll(() => panel.locator(".queue-item").count()).toBe(2);
  expect(await panel.getByRole("heading").textContent()).toBe("2 generations running");
  const cancel = panel.getByRole("button", { name: "Cancel second of two" });
  await expect.poll(() => cancel.isEnabled()).toBe(true);
  await cancel.click();
  await expect.poll(() => page.locator(".results-feed .result-card").first().getAttribute("data-status")).toBe("canceled");
  await expect.poll(() => panel.count(), { timeout: 20_000 }).toBe(0);
  expect(await page.locator(".toast").count()).toBeLessThanOrEqual(1);

  // Three jobs finishing while on History: one notice counting them, not three toasts.
  await page.goto(`${origin}/history`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  const known = (await listJobs(page.request, origin)).map((j) => j.id);
  for (const text of ["one", "two", "three"]) {
    await page.evaluate(
      async (body) => {
        await fetch("/api/generations", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      },
      { model: "demo-image", prompt: `notice ${text}`, count: 1, aspectRatio: "1:1" },
    );
  }
  const started = (await listJobs(page.request, origin)).filter((j) => !known.includes(j.id));
  expect(started).toHaveLength(3);
  for (const job of started) await waitForJob(page.request, origin, job.id);
  await expect
    .poll(async () => (await page.locator(".toast-title").allTextContents()).filter((t) => /ready|failed/.test(t)))
    .toEqual(["3 generations ready"]);
  await context.close();
});

it("clicking a result opens the gallery's viewer; Escape on its delete question returns focus to Delete, closing returns it to the result", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { origin } = suite.server;
  await signUpVerifiedInContext(context, origin, newUser("viewer"));
  const page = await context.newPage();
  await page.goto(`${origin}/create`);
  await page.getByRole("textbox", { name: "Prompt" }).fill("lantern at dusk");
  await page.getByRole("button", { name: GENERATE_BUTTON }).click();
  const open = page.getByRole("button", { name: "Open lantern at dusk", exact: true });
  await expect.poll(() => open.count(), { timeout: 20_000 }).toBe(1);
  await open.click();
  const viewer = page.locator("dialog.lightbox");
  await expect.poll(() => viewer.isVisible()).toBe(true);
  expect(await viewer.locator(".recipe-prompt").textContent()).toBe("lantern at dusk");
  expect(await viewer.locator("img.lightbox-media").getAttribute("alt")).toBe("lantern at dusk");

  const remove = viewer.getByRole("button", { name: "Delete" });
  await remove.click();
  const question = page.locator("dialog.confirm-dialog");
  await expect.poll(() => question.isVisible()).toBe(true);
  await page.keyboard.press("Escape");
  await expect.poll(() => question.count()).toBe(0);
  await expect.poll(() => remove.evaluate((el) => el === document.activeElement)).toBe(true);

  await viewer.getByRole("button", { name: "Close" }).click();
  await expect.poll(() => viewer.count()).toBe(0);
  await expect.poll(() => open.evaluate((el) => el === document.activeElement)).toBe(true);
  await context.close();
});

it("a result whose pictures were deleted reads 'Deleted' without empty frames on Create and History, and still offers Reuse settings", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { origin } = suite.server;
  await signUpVerifiedInContext(context, origin, newUser("deleted"));
  const page = await context.newPage();
  const errors = recordPageErrors(page);
  const started = await startGeneration(page.request, origin, { model: "demo-image", prompt: "two moths", count: 2, aspectRatio: "1:1" });
  const job = await waitForJob(page.request, origin, started.id);
  const remove = async (id: string) =>
    expect((await page.request.delete(`${origin}/api/media/${id}`, { headers: { Origin: origin } })).status()).toBe(204);

  // One of two deleted: one frame, holding the picture that is left.
  await remove(job.media[0]!.id);
  await page.goto(`${origin}/create`);
  const card = page.locator(`.results-feed [data-job-id="${job.id}"]`);
  await expect.poll(() => card.locator("img.result-media").count()).toBe(1);
  expect(await card.getByTestId("result-frame").count()).toBe(1);
  expect(await card.locator(".job-status-label").textContent()).toBe("Done");

  // Both deleted: no picture area at all, "Deleted", and the settings still reusable.
  await remove(job.media[1]!.id);
  await page.reload();
  await expect.poll(() => card.getAttribute("data-deleted")).toBe("true");
  expect(await card.locator(".job-status-label").textContent()).toBe("Deleted");
  expect(await card.getByTestId("result-frame").count()).toBe(0);
  expect(await card.locator(".result-deleted").textContent()).toContain("Deleted from your gallery");
  expect(await card.getByRole("button", { name: "Reuse settings of two moths" }).count()).toBe(1);
  await screenshot(page, "create-deleted-result");

  await page.goto(`${origin}/history`);
  const row = page.locator(`.history-list [data-job-id="${job.id}"]`);
  await expect.poll(() => row.getAttribute("data-deleted")).toBe("true");
  expect(await row.locator(".job-status-label").textContent()).toBe("Deleted");
  expect(await row.locator(".job-media, img, .job-placeholder").count()).toBe(0);
  await screenshot(page, "history-deleted-result");
  await row.getByRole("link", { name: "Reuse settings" }).click();
  await page.waitForURL(`${origin}/create?from=${job.id}`);
  await expect.poll(() => page.locator("textarea").inputValue()).toBe("two moths");
  expect(unexpected(errors)).toEqual([]);
  await context.close();
});
