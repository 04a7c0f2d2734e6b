import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { JobView } from "../../shared/generation";
import { png } from "../media/fixtures";
import { uploaded } from "../media/helpers";
import { call, waitFor } from "../privacy/support";
import { signUpVerified, type TestUser } from "../support/users";
import { expectCredentials } from "./support/c2pa-reader";

const GENERATED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
const COMPOSITE = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia";

async function finished(user: TestUser, body: Record<string, unknown>): Promise<JobView> {
  const res = await call(user, "/api/generations", { method: "POST", json: body });
  if (res.status !== 202) throw new Error(`generation refused: ${res.status} ${await res.text()}`);
  const { job } = await res.json<{ job: JobView }>();
  return waitFor(async () => {
    const current = (await (await call(user, `/api/generations/${job.id}`)).json<{ job: JobView }>()).job;
    return current.status === "succeeded" && current.media.every((m) => m.thumbnailUrl) ? current : undefined;
  }, `job ${job.id}`);
}

interface StoredFile {
  key: string;
  contentType: string;
  bytes: Uint8Array;
  text: string;
}

/** The stored original and thumbnail of each of the job's items, as R2 holds them. */
async function storedFiles(jobId: string): Promise<StoredFile[]> {
  const rows = await env.DB.prepare("SELECT r2_key, thumbnail_key FROM media WHERE job_id = ?1").bind(jobId).all<Record<string, string>>();
  const keys = rows.results.flatMap((r) => [r.r2_key!, r.thumbnail_key!]);
  return Promise.all(
    keys.map(async (key) => {
      const object = await env.MEDIA.get(key);
      const bytes = new Uint8Array(await object!.arrayBuffer());
      // Invalid UTF-8 in the binary parts becomes U+FFFD; the XMP (UTF-8 text) reads as it is.
      return { key, contentType: object!.httpMetadata!.contentType!, bytes, text: new TextDecoder().decode(bytes) };
    }),
  );
}

/** Every file has the XMP mark and a trusted signed manifest (images and the demo's MP4 alike); none the person's data. */
async function expectMarked(files: StoredFile[], sourceType: string, personal: string[]) {
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    await expectCredentials(file.contentType, file.bytes, sourceType, /^Demo (image|video) \(Ausar demo\)$/, personal);
    expect(file.text, file.key).toContain(`Iptc4xmpExt:DigitalSourceType="${sourceType}"`);
    expect(file.text, file.key).toContain('xmp:CreatorTool="Ausar —');
    for (const value of personal) expect(file.text.includes(value), `${file.key} holds ${value}`).toBe(false);
  }
}

describe("provenance marks", () => {
  it("marks and signs a generated image and its thumbnail as AI-generated, with nothing about the person", async () => {
    const user = await signUpVerified();
    const job = await finished(user, { model: "demo-image", prompt: "a lighthouse made of glass", count: 2 });
    const files = await storedFiles(job.id);
    expect(files).toHaveLength(4);
    await expectMarked(files, GENERATED, [user.userId, user.email, "lighthouse made of glass"]);
  });

  it("marks and signs a generated video and its poster thumbnail, and the stored size counts the mark and the manifest", async () => {
    const user = await signUpVerified();
    const job = await finished(user, { model: "demo-video", prompt: "waves over a quiet harbour", durationSeconds: 4 });
    const files = await storedFiles(job.id);
    await expectMarked(files, GENERATED, [user.userId, user.email, "quiet harbour"]);
    const row = await env.DB.prepare("SELECT r2_key, bytes FROM media WHERE job_id = ?1")
      .bind(job.id)
      .first<{ r2_key: string; bytes: number }>();
    expect((await env.MEDIA.head(row!.r2_key))!.size).toBe(row!.bytes);
  });

  it("says composite when the person's own images went in, and leaves their upload unmarked", async () => {
    const user = await signUpVerified();
    const reference = await uploaded(user, await png(64, 48));
    const job = await finished(user, { model: "demo-image", prompt: "in the style of my photo", count: 1, inputMediaIds: [reference.id] });
    await expectMarked(await storedFiles(job.id), COMPOSITE, [user.userId, user.email, reference.id]);
    const upload = await env.DB.prepare("SELECT r2_key FROM media WHERE id = ?1").bind(reference.id).first<{ r2_key: string }>();
    const bytes = new TextDecoder().decode(await (await env.MEDIA.get(upload!.r2_key))!.arrayBuffer());
    expect(bytes).not.toContain("DigitalSourceType");
  });
});
