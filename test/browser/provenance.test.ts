import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { newUser, signUpVerifiedInContext } from "./support/accounts";
import { startGeneration, waitForJob } from "./support/generations";
import { useDevServerAndBrowser } from "./support/suite";

const suite = useDevServerAndBrowser();
const GENERATED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

/** What exiftool (Debian's, an independent reader) finds in the file, by group, for `args`. */
function exiftool(path: string, args: string[] = []): Record<string, unknown> {
  const result = spawnSync("exiftool", ["-json", "-a", "-G1", ...args, path], { encoding: "utf8" });
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as Record<string, unknown>[])[0]!;
}

/** The `uuid` user type of C2PA's manifest store box in ISO base media files. */
const C2PA_UUID = "d8fec3d61b0e483c92975828877ec481";

it("every stored copy of a demo image and video reads back, in exiftool, as AI-generated, valid, with Content Credentials in every one, and without the person", async () => {
  const context = await suite.browser.newContext();
  const { origin } = suite.server;
  const user = newUser("provenance");
  await signUpVerifiedInContext(context, origin, user);
  const prompts = { image: "a paper boat on a still pond", video: "slow clouds over hills" };
  const jobs = [
    await startGeneration(context.request, origin, { model: "demo-image", prompt: prompts.image, count: 1 }),
    await startGeneration(context.request, origin, { model: "demo-video", prompt: prompts.video, durationSeconds: 4 }),
  ];
  const dir = mkdtempSync(join(tmpdir(), "ausar-provenance-"));
  const checked: string[] = [];
  for (const started of jobs) {
    let job = await waitForJob(context.request, origin, started.id);
    // Image thumbnails are made just after the job succeeds.
    for (let i = 0; i < 50 && !job.media.every((m) => m.thumbnailUrl); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await waitForJob(context.request, origin, started.id);
    }
    for (const item of job.media) {
      for (const url of [item.url, item.thumbnailUrl!]) {
        const response = await context.request.get(new URL(url, origin).href);
        expect(response.status()).toBe(200);
        const type = response.headers()["content-type"]!.split(";")[0]!;
        const path = join(dir, `${checked.length}.${type.split("/")[1]}`);
        writeFileSync(path, await response.body());
        const tags = exiftool(path);
        expect(tags["XMP-iptcExt:DigitalSourceType"], `${type} ${url}`).toBe(GENERATED);
        expect(String(tags["XMP-xmp:CreatorTool"])).toMatch(/^Ausar — Demo (image|video) \(Ausar demo\)$/);
        // `-validate` asks for its own tags only: the file's structure is checked in a second read.
        const validation = exiftool(path, ["-validate"]);
        expect(validation["ExifTool:Validate"], `${type}: ${JSON.stringify(validation)}`).toBe("OK");
        // The C2PA manifest store (JUMBF) exiftool finds in every image. Debian's exiftool does not read
        // C2PA's `uuid` box in MP4, so there the box is looked for in the bytes (it is signed, being under
        // the bound; c2pa-rs validates it in test/provenance), and -validate above says the file is sound with it.
        const jumbf = Object.keys(tags).filter((tag) => tag.startsWith("JUMBF:"));
        if (type.startsWith("image/")) expect(jumbf.length, `${type}: ${Object.keys(tags).join(" ")}`).toBeGreaterThan(0);
        else expect(Buffer.from(await response.body()).toString("hex")).toContain(`75756964${C2PA_UUID}`);
        const everything = JSON.stringify(tags);
        for (const personal of [user.email, user.name, prompts.image, prompts.video]) expect(everything).not.toContain(personal);
        checked.push(type);
      }
    }
  }
  // Opaque originals get JPEG thumbnails (WebP ones, for transparent images, are checked by photon in test/provenance).
  expect(checked.sort()).toEqual(["image/jpeg", "image/jpeg", "image/png", "video/mp4"]);
  await context.close();
});

it("tells people before they start: the landing page's How it works and the sign-up form say the results are marked as AI-generated", async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${suite.server.origin}/`);
  await expect.poll(() => page.getByText("Each file is marked inside as AI-generated").count()).toBe(1);
  await page.goto(`${suite.server.origin}/signup`);
  await expect.poll(() => page.getByTestId("ai-disclosure").textContent()).toContain("Everything Ausar makes is AI-generated");
  await context.close();
});
