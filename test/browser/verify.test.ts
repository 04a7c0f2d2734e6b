import { expect, it } from "vitest";
import type { MediaView, ShareView } from "../../shared/media";
import { markPng } from "../../workers/provenance/png";
import { markWebp } from "../../workers/provenance/webp";
import { xmpPacket } from "../../workers/provenance/xmp";
import { newUser, signUpVerifiedInContext } from "./support/accounts";
import { screenshot } from "./support/browser";
import { devSigner, signImage, strangerSigner } from "./support/c2pa-sign";
import { startGeneration, waitForJob } from "./support/generations";
import { png } from "./support/images";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();
const GENERATED = "trainedAlgorithmicMedia";

interface Sample {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** One picture-data byte changed: past the `IDAT` chunk's header, inside the compressed pixels. */
function tamper(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const at = copy.lastIndexOf("IDAT") + 12;
  copy[at]! ^= 0x01;
  return copy;
}

/** The MP4 with one byte of sample data (in `mdat`) changed. */
function tamperMdat(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const at = copy.indexOf("mdat") + 1000;
  if (at < 1000) throw new Error("no mdat box");
  copy[at]! ^= 0x01;
  return copy;
}

it("/verify reads files in the browser, never sending them: a generated PNG and its thumbnail valid and trusted, a tampered copy invalid, an upload without credentials, a generated MP4 valid and trusted and a changed copy invalid, a stranger's issuer not on the list", async () => {
  const { origin } = suite.server;

  // The files, made by the running app as a person would get them.
  const maker = await suite.browser.newContext();
  const user = newUser("verify");
  await signUpVerifiedInContext(maker, origin, user);
  const prompts = { image: "a lantern on a misty pier", video: "waves folding on a beach" };
  const imageJob = await startGeneration(maker.request, origin, { model: "demo-image", prompt: prompts.image, count: 1 });
  const videoJob = await startGeneration(maker.request, origin, { model: "demo-video", prompt: prompts.video, durationSeconds: 4 });
  let image = (await waitForJob(maker.request, origin, imageJob.id)).media[0]!;
  for (let i = 0; i < 50 && !image.thumbnailUrl; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    image = (await waitForJob(maker.request, origin, imageJob.id)).media[0]!;
  }
  const video = (await waitForJob(maker.request, origin, videoJob.id)).media[0]!;
  const uploaded = await maker.request.post(`${origin}/api/uploads`, {
    headers: { Origin: origin, "Content-Type": "image/png" },
    data: png(160, 120, [40, 120, 90]),
  });
  expect(uploaded.status()).toBe(201);
  const upload = ((await uploaded.json()) as { media: MediaView }).media;
  const fetched = async (url: string) => {
    const response = await maker.request.get(new URL(url, origin).href);
    expect(response.status()).toBe(200);
    return response.body();
  };
  const original = await fetched(image.url);
  const thumbnail = await fetched(image.thumbnailUrl!);
  // A WebP signed here with the checkout's signer (the demo's opaque images get JPEG thumbnails), marked as the Worker marks one.
  const webpPage = await maker.newPage();
  const webpBase64 = await webpPage.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 64;
    canvas.height = 48;
    const context = canvas.getContext("2d")!;
    context.fillStyle = "rgba(120, 80, 220, 0.6)";
    context.fillRect(8, 8, 48, 32);
    return canvas.toDataURL("image/webp", 0.9).split(",")[1]!;
  });
  const mark = {
    digitalSourceType: `http://cv.iptc.org/newscodes/digitalsourcetype/${GENERATED}`,
    softwareAgent: "Demo image (Ausar demo)",
  } as const;
  const webp = await signImage(
    markWebp(Buffer.from(webpBase64, "base64"), xmpPacket(mark), { width: 64, height: 48 }),
    "image/webp",
    await devSigner(),
    {
      ...mark,
      claimGenerator: "Ausar",
    },
  );
  const stranger = await signImage(markPng(png(80, 60, [200, 160, 40]), xmpPacket(mark)), "image/png", await strangerSigner(), {
    ...mark,
    softwareAgent: "Some model (Elsewhere)",
    claimGenerator: "Elsewhere Studio",
  });

  const clip = await fetched(video.url);
  const samples: Record<string, Sample> = {
    original: { name: "generated.png", mimeType: "image/png", buffer: original },
    thumbnail: { name: "thumbnail.jpg", mimeType: "image/jpeg", buffer: thumbnail },
    webp: { name: "thumbnail.webp", mimeType: "image/webp", buffer: Buffer.from(webp) },
    tampered: { name: "tampered.png", mimeType: "image/png", buffer: tamper(original) },
    upload: { name: "my-photo.png", mimeType: "image/png", buffer: await fetched(upload.url) },
    video: { name: "clip.mp4", mimeType: "video/mp4", buffer: clip },
    tamperedVideo: { name: "tampered.mp4", mimeType: "video/mp4", buffer: tamperMdat(clip) },
    stranger: { name: "elsewhere.png", mimeType: "image/png", buffer: Buffer.from(stranger) },
  };
  await maker.close();

  // Someone with no account opens /verify and checks each file.
  const visitor = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests: { method: string; url: string; body: Buffer | null }[] = [];
  visitor.on("request", (request) => requests.push({ method: request.method(), url: request.url(), body: request.postDataBuffer() }));
  const page = await visitor.newPage();
  await page.goto(`${origin}/verify`);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Check a file");
  const report = page.getByTestId("verify-report");

  const check = async (key: keyof typeof samples, verdict: string) => {
    await page.locator("#verify-file").setInputFiles(samples[key]!);
    // The report names the file it is about: wait for this one's, not the previous file's.
    await expect.poll(() => page.locator(`[data-testid="verify-report"][data-file="${samples[key]!.name}"]`).count()).toBe(1);
    await expect.poll(() => page.getByTestId("verify-verdict").textContent()).toBe(verdict);
    return (await report.textContent()) ?? "";
  };

  const generated = await check("original", "Valid Content Credentials");
  expect(generated).toContain("Made withAusar");
  expect(generated).toContain(GENERATED);
  expect(generated).toContain("By Demo image (Ausar demo)");
  expect(generated).toContain("Ausar local test CA");
  expect(generated).toContain("On our trust list");
  expect(generated).toContain("Unchanged since it was signed.");
  expect(await page.getByTestId("verify-xmp").textContent()).toContain(GENERATED);
  expect(await page.getByTestId("verify-xmp").textContent()).toContain("Ausar — Demo image (Ausar demo)");
  for (const personal of [user.email, user.name, prompts.image, prompts.video])
    expect(await page.locator("body").textContent()).not.toContain(personal);
  await screenshot(page, "verify-valid-desktop");

  expect(await check("thumbnail", "Valid Content Credentials")).toContain("On our trust list");
  const webpText = await check("webp", "Valid Content Credentials");
  expect(webpText).toContain("WebP image");
  expect(webpText).toContain(GENERATED);

  const tampered = await check("tampered", "Invalid Content Credentials");
  expect(tampered).toContain("The file was changed after it was signed.");
  expect(tampered).not.toContain("On our trust list");
  await screenshot(page, "verify-invalid-desktop");

  const own = await check("upload", "No Content Credentials");
  expect(await page.getByTestId("verify-xmp").textContent()).toContain("None in the file.");
  expect(own).not.toContain("AI model");

  // The demo MP4 is signed (under the bound) and checked here with the same asset class that signed it.
  const clipText = await check("video", "Valid Content Credentials");
  expect(clipText).toContain("MP4 video");
  expect(clipText).toContain(GENERATED);
  expect(clipText).toContain("By Demo video (Ausar demo)");
  expect(clipText).toContain("On our trust list");
  expect(clipText).toContain("Unchanged since it was signed.");
  expect(await page.getByTestId("verify-xmp").textContent()).toContain(GENERATED);
  for (const personal of [user.email, user.name, prompts.image, prompts.video])
    expect(await page.locator("body").textContent()).not.toContain(personal);
  const changedClip = await check("tamperedVideo", "Invalid Content Credentials");
  expect(changedClip).toContain("The file was changed after it was signed.");
  expect(changedClip).not.toContain("On our trust list");

  const elsewhere = await check("stranger", "Valid, but the issuer is not on our trust list");
  expect(elsewhere).toContain("Elsewhere Media CA");
  expect(elsewhere).toContain("Not on our trust list");
  expect(elsewhere).toContain("By Some model (Elsewhere)");

  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "verify-untrusted-390");

  // Nothing was sent: only GETs without a body, none carrying a file's bytes, and only to this origin.
  expect(requests.length).toBeGreaterThan(0);
  for (const request of requests) {
    expect(`${request.method} ${request.url}`).toMatch(new RegExp(`^GET ${origin.replace(/[.]/g, "\\.")}/`));
    expect(request.body).toBeNull();
  }
  const paths = requests.map((r) => new URL(r.url).pathname).filter((path) => path.startsWith("/api/"));
  expect([...new Set(paths)].filter((path) => path !== "/api/provenance/trust-anchors" && path !== "/api/me")).toEqual([]);
  await visitor.close();
});

it("the footer and a generated item's share page link to /verify; the trust anchors are public", async () => {
  const { origin } = suite.server;
  const anchors = await fetch(`${origin}/api/provenance/trust-anchors`);
  expect(anchors.status).toBe(200);
  expect(((await anchors.json()) as { anchors: string[] }).anchors.length).toBe(1);

  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.getByRole("contentinfo").getByRole("link", { name: "Check a file" }).click();
  await expect.poll(() => page.url()).toBe(`${origin}/verify`);

  await signUpVerifiedInContext(context, origin, newUser("verify-share"));
  const job = await startGeneration(context.request, origin, { model: "demo-image", prompt: "a kite", count: 1 });
  const [item] = (await waitForJob(context.request, origin, job.id)).media;
  const share = await context.request.post(`${origin}/api/media/${item!.id}/share`, { headers: { Origin: origin }, data: {} });
  expect(share.status()).toBe(201);
  const { share: link } = (await share.json()) as { share: ShareView };
  const visitor = await suite.browser.newContext();
  const sharePage = await visitor.newPage();
  await sharePage.goto(new URL(link.pageUrl!, origin).href);
  await sharePage.getByRole("link", { name: "Check its Content Credentials" }).click();
  await expect.poll(() => sharePage.url()).toBe(`${origin}/verify`);
  await context.close();
  await visitor.close();
});
