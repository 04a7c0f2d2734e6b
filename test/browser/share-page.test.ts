import { createServer } from "node:http";
import { expect, it } from "vitest";
import { newUser, signUpVerifiedInContext } from "./support/accounts";
import { recordPageErrors, recordRequests, screenshot } from "./support/browser";
import { startGeneration, waitForJob } from "./support/generations";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();

it("shares an item as a public page: made in the viewer, opened signed out, embeddable elsewhere, dead once revoked", async () => {
  const { origin } = suite.server;
  const owner = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signUpVerifiedInContext(owner, origin, newUser("share-page"));
  const job = await startGeneration(owner.request, origin, { model: "demo-image", prompt: "paper boats on a canal", count: 1 });
  const [item] = (await waitForJob(owner.request, origin, job.id)).media;
  const page = await owner.newPage();
  await page.goto(`${origin}/gallery/${item!.id}`);
  const dialog = page.locator("dialog.lightbox");
  await dialog.getByRole("button", { name: "Share link" }).click();
  await dialog.getByLabel("Show the prompt on the page").check();
  await dialog.getByRole("button", { name: "Create a share link" }).click();
  const pageField = dialog.getByLabel("Share page", { exact: true });
  await expect.poll(() => pageField.inputValue()).toMatch(new RegExp(`^${origin}/share/[A-Za-z0-9_-]{43}$`));
  const pageUrl = await pageField.inputValue();
  const fileUrl = await dialog.getByLabel("File link, for embedding", { exact: true }).inputValue();
  expect(await dialog.getByText("The page shows the prompt.").count()).toBe(1);
  await screenshot(page, "share-panel");

  // Someone without an account opens the page: the picture whole, the label, the prompt, the way in.
  const visitor = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const requests = recordRequests(visitor);
  const view = await visitor.newPage();
  const errors = recordPageErrors(view);
  await view.goto(pageUrl);
  expect(await view.title()).toBe("paper boats on a canal · Ausar");
  const picture = view.locator("img.share-media");
  await expect.poll(() => picture.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  expect(await view.getByText("AI-generated", { exact: true }).isVisible()).toBe(true);
  expect(await view.getByText("paper boats on a canal", { exact: true }).isVisible()).toBe(true);
  expect(await view.getByText(/Made with Ausar/).isVisible()).toBe(true);
  // The site's stylesheet applies (a rounded picture that fits the screen), with no script errors under the CSP.
  expect(await picture.evaluate((i) => getComputedStyle(i).borderRadius)).not.toBe("0px");
  const box = await picture.boundingBox();
  expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(800);
  expect(await view.locator('meta[property="og:image"]').getAttribute("content")).toBe(fileUrl);
  await screenshot(view, "share-page");
  await view.setViewportSize({ width: 390, height: 844 });
  const narrow = await picture.boundingBox();
  expect(narrow?.width ?? 999).toBeLessThanOrEqual(390);
  await screenshot(view, "share-page-phone");
  await view.getByRole("link", { name: "Try Ausar" }).click();
  await view.waitForURL(`${origin}/signup`);
  expect(requests.offOrigin(origin)).toEqual([]);
  expect(errors).toEqual([]);

  // Another site may embed the shared file (its CORP is cross-origin). `localhost` is another site than
  // 127.0.0.1, and both are loopback, so Chromium's private-network rules stay out of the way.
  const site = await otherSite(`<!doctype html><img id="shared" src="${fileUrl}">`);
  const embedder = await visitor.newPage();
  await embedder.goto(`${site.origin}/post`);
  await expect.poll(() => embedder.locator("#shared").evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

  // Revoked: the page says so, and the file is gone from the embedding site too.
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect.poll(() => dialog.getByRole("button", { name: "Revoke" }).count()).toBe(0);
  const gone = await view.goto(pageUrl);
  expect(gone?.status()).toBe(404);
  expect(await view.getByRole("heading", { name: "This link has expired or was revoked" }).count()).toBe(1);
  await embedder.reload();
  await expect.poll(() => embedder.locator("#shared").evaluate((i) => (i as HTMLImageElement).complete)).toBe(true);
  expect(await embedder.locator("#shared").evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(0);

  await visitor.close();
  await owner.close();
  await site.close();
});

/** Another website, on another port of `localhost`, answering every path with `body`. */
async function otherSite(body: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("the other site has no port");
  return {
    origin: `http://localhost:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
