import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { renderDemoVideo } from "../../workers/generation/demo-media";
import { credentialSigner } from "../../workers/provenance/c2pa/signer";
import { type Provenance, stampImage, stampVideo } from "../../workers/provenance/mark";
import { DIGITAL_SOURCE_TYPES } from "../../workers/provenance/xmp";
import { jpeg, png, webp } from "../media/fixtures";
import { expectCredentials, readCredentials } from "./support/c2pa-reader";

const provenance = (digitalSourceType: Provenance["mark"]["digitalSourceType"] = DIGITAL_SOURCE_TYPES.generated): Provenance => ({
  mark: { digitalSourceType, softwareAgent: "Demo image (Ausar demo)" },
  signer: credentialSigner(env),
});

const files = { "image/png": () => png(40, 30), "image/jpeg": () => jpeg(40, 30), "image/webp": () => webp(40, 30) };

/** Where the picture's own bytes start (past the container's headers), to change one of them. */
const PIXEL_DATA = { "image/png": "IDAT", "image/jpeg": "\xff\xda", "image/webp": "VP8" } as const;

describe("Content Credentials (C2PA), read back with c2pa-rs", () => {
  for (const [type, make] of Object.entries(files) as [keyof typeof files, () => Uint8Array][]) {
    it(`${type}: a manifest trusted under the local test CA, AI-generated, made by the model, nothing about the person`, async () => {
      const signed = await stampImage(make(), { contentType: type, width: 40, height: 30 }, provenance());
      await expectCredentials(type, signed, DIGITAL_SOURCE_TYPES.generated, "Demo image (Ausar demo)");
      // The XMP mark is still there, written before signing.
      expect(new TextDecoder().decode(signed)).toContain(`Iptc4xmpExt:DigitalSourceType="${DIGITAL_SOURCE_TYPES.generated}"`);
    });

    it(`${type}: one changed byte of picture data fails validation`, async () => {
      const signed = await stampImage(make(), { contentType: type, width: 40, height: 30 }, provenance());
      const text = String.fromCharCode(...signed);
      const at = text.lastIndexOf(PIXEL_DATA[type]) + 12;
      const tampered = signed.slice();
      tampered[at]! ^= 0x01;
      const read = await readCredentials(type, tampered);
      expect(read.validationState).toBe("Invalid");
      expect(read.failures).toContain("assertion.dataHash.mismatch");
    });
  }

  it("says composite when the person's images went in", async () => {
    const signed = await stampImage(
      png(40, 30),
      { contentType: "image/png", width: 40, height: 30 },
      provenance(DIGITAL_SOURCE_TYPES.composite),
    );
    await expectCredentials("image/png", signed, DIGITAL_SOURCE_TYPES.composite, "Demo image (Ausar demo)");
  });

  it("keeps a provider's own manifest as the parentOf ingredient, and the file validates as a whole", async () => {
    // A provider's signed output (as OpenAI's come), stood in for by a file signed with the same test CA.
    const size = { contentType: "image/png", width: 40, height: 30 };
    const fromProvider = await stampImage(png(40, 30), size, {
      mark: { digitalSourceType: DIGITAL_SOURCE_TYPES.generated, softwareAgent: "GPT Image (OpenAI)" },
      signer: credentialSigner(env),
    });
    const providerLabel = (await readCredentials("image/png", fromProvider)).activeLabel;
    const stored = await stampImage(fromProvider, size, provenance());
    const read = await readCredentials("image/png", stored);
    expect(read.failures).toEqual([]);
    expect(read.validationState).toBe("Trusted");
    expect(read.activeLabel).not.toBe(providerLabel);
    expect(read.activeManifest.claim_generator_info?.[0]?.name).toBe("Ausar");
    const [parent] = read.activeManifest.ingredients ?? [];
    expect(parent).toMatchObject({ relationship: "parentOf", active_manifest: providerLabel });
    const actions = read.activeManifest.assertions?.find((a) => a.label.startsWith("c2pa.actions"))?.data.actions ?? [];
    expect(actions).toMatchObject([
      { action: "c2pa.opened", digitalSourceType: DIGITAL_SOURCE_TYPES.generated, softwareAgent: { name: "Demo image (Ausar demo)" } },
    ]);
    expect(read.json).toContain("GPT Image (OpenAI)");
  });

  it("without the signer's secrets a file keeps its XMP mark and carries no manifest", async () => {
    const marked = await stampImage(png(40, 30), { contentType: "image/png", width: 40, height: 30 }, { ...provenance(), signer: null });
    expect(new TextDecoder().decode(marked)).toContain("DigitalSourceType");
    expect(new TextDecoder().decode(marked)).not.toContain("c2pa");
  });
});

describe("Content Credentials on MP4 (BMFF hash), read back with c2pa-rs", () => {
  const video = async () => {
    const { body } = renderDemoVideo({ prompt: "waves over a quiet harbour", seed: 7, aspectRatio: "16:9", durationSeconds: 1 });
    return new Uint8Array(await new Response(body).arrayBuffer());
  };
  const signer = credentialSigner(env)!;
  const mark = { digitalSourceType: DIGITAL_SOURCE_TYPES.generated, softwareAgent: "Demo video (Ausar demo)" } as const;

  it("video/mp4: the XMP box, then a manifest trusted under the local test CA", async () => {
    const signed = await stampVideo(await video(), "video/mp4", { mark, signer });
    await expectCredentials("video/mp4", signed, DIGITAL_SOURCE_TYPES.generated, "Demo video (Ausar demo)");
    expect(new TextDecoder().decode(signed)).toContain(`Iptc4xmpExt:DigitalSourceType="${DIGITAL_SOURCE_TYPES.generated}"`);
    const read = await readCredentials("video/mp4", signed);
    expect(read.activeManifest.assertions?.map((a) => a.label)).toContain("c2pa.hash.bmff.v3");
  });

  it("video/mp4: one changed byte in mdat fails validation", async () => {
    const signed = await stampVideo(await video(), "video/mp4", { mark, signer });
    const mdat = String.fromCharCode(...signed.subarray(0, 4096)).indexOf("mdat");
    expect(mdat).toBeGreaterThan(0);
    const at = mdat + 1000;
    const tampered = signed.slice();
    tampered[at]! ^= 0x01;
    const read = await readCredentials("video/mp4", tampered);
    expect(read.validationState).toBe("Invalid");
    expect(read.failures).toContain("assertion.bmffHash.mismatch");
  });
});
