import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import type { JobView } from "../../shared/generation";
import { fillSignup, newUser, signUpVerifiedInContext, signupCredits, verifyInContext } from "./support/accounts";
import { markDocument, recordLive, recordPageErrors, screenshot } from "./support/browser";
import { listJobs, startGeneration, waitForJob } from "./support/generations";
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
  const generate = page.getByRole("button", { name: "Generate", exact: true });
  expect(await generate.textContent()).toContain("1 credit");
  await generate.click();
  const image = await pressedJob(page, []);
  expect(image.media).toHaveLength(1);
  const picture = page.locator(`.results-strip img[src="${image.media[0]!.url}"]`);
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
  const video = page.locator(`.results-strip video[src="${clip.media[0]!.url}"]`);
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
  const generate = page.getByRole("button", { name: "Generate", exact: true });
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
