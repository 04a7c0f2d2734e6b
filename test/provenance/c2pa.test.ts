import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { credentialSigner } from "../../workers/provenance/c2pa/signer";
import { type Provenance, stampImage } from "../../workers/provenance/mark";
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

  it("without the signer's secrets a file keeps its XMP mark and carries no manifest", async () => {
    const marked = await stampImage(png(40, 30), { contentType: "image/png", width: 40, height: 30 }, { ...provenance(), signer: null });
    expect(new TextDecoder().decode(marked)).toContain("DigitalSourceType");
    expect(new TextDecoder().decode(marked)).not.toContain("c2pa");
  });
});
