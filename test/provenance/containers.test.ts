import { PhotonImage } from "@cf-wasm/photon/workerd";
import { describe, expect, it } from "vitest";
import { inspectImage } from "../../workers/media/inspect";
import { markImage, markVideo, UnmarkableError } from "../../workers/provenance/mark";
import { DIGITAL_SOURCE_TYPES, type ProvenanceMark } from "../../workers/provenance/xmp";
import { jpeg, png, webp } from "../media/fixtures";

const mark: ProvenanceMark = { digitalSourceType: DIGITAL_SOURCE_TYPES.generated, softwareAgent: 'Demo "image" <test> & co (Ausar demo)' };
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/** Decodes with photon (the real decoder): a mark that broke the file throws here. */
function decodedSize(bytes: Uint8Array): { width: number; height: number } {
  const image = PhotonImage.new_from_byteslice(bytes);
  try {
    return { width: image.get_width(), height: image.get_height() };
  } finally {
    image.free();
  }
}

const files = {
  "image/png": () => png(40, 30),
  "image/png with alpha": () => png(40, 30, 128),
  "image/jpeg": () => jpeg(40, 30),
  "image/webp": () => webp(40, 30),
};

describe("marking images", () => {
  for (const [name, make] of Object.entries(files)) {
    it(`${name}: one XMP packet, still decodes to the same size and passes the header check`, () => {
      const original = make();
      const contentType = name.split(" ")[0]!;
      const marked = markImage(original, { contentType, width: 40, height: 30 }, mark);
      expect(count(text(marked), "Iptc4xmpExt:DigitalSourceType=")).toBe(1);
      expect(text(marked)).toContain("Demo &quot;image&quot; &lt;test&gt; &amp; co (Ausar demo)");
      expect(decodedSize(marked)).toEqual({ width: 40, height: 30 });
      expect(inspectImage(marked)).toMatchObject({ contentType, width: 40, height: 30 });
      // Marking again replaces the packet rather than adding a second one.
      const twice = markImage(
        marked,
        { contentType, width: 40, height: 30 },
        { ...mark, digitalSourceType: DIGITAL_SOURCE_TYPES.composite },
      );
      expect(count(text(twice), "Iptc4xmpExt:DigitalSourceType=")).toBe(1);
      expect(text(twice)).toContain(DIGITAL_SOURCE_TYPES.composite);
      expect(decodedSize(twice)).toEqual({ width: 40, height: 30 });
    });
  }

  it("keeps a PNG's chunks valid: every CRC matches after the iTXt chunk goes in after IHDR", async () => {
    const marked = markImage(png(16, 16), { contentType: "image/png", width: 16, height: 16 }, mark);
    const view = new DataView(marked.buffer, marked.byteOffset);
    const { crc32 } = await import("../../workers/lib/crc32");
    const types: string[] = [];
    for (let at = 8; at < marked.byteLength; ) {
      const length = view.getUint32(at);
      types.push(String.fromCharCode(...marked.subarray(at + 4, at + 8)));
      expect(view.getUint32(at + 8 + length)).toBe(crc32(marked.subarray(at + 4, at + 8 + length)));
      at += 12 + length;
    }
    expect(types.slice(0, 2)).toEqual(["IHDR", "iTXt"]);
  });

  it("refuses a damaged file or an unknown type with UnmarkableError", () => {
    const broken = png(16, 16).slice(0, 20);
    expect(() => markImage(broken, { contentType: "image/png", width: 16, height: 16 }, mark)).toThrow(UnmarkableError);
    expect(() => markImage(new Uint8Array(10), { contentType: "image/gif", width: 1, height: 1 }, mark)).toThrow(UnmarkableError);
  });
});

describe("marking videos", () => {
  it("appends a top-level XMP uuid box to an MP4 stream, and nothing to a WebM", async () => {
    const body = new Blob([new Uint8Array([0, 0, 0, 8, 0x66, 0x72, 0x65, 0x65])]).stream();
    const marked = markVideo(body, "video/mp4", mark)!;
    const bytes = new Uint8Array(await new Response(marked.body).arrayBuffer());
    expect(bytes.byteLength).toBe(8 + marked.addedBytes);
    const box = new DataView(bytes.buffer, 8);
    expect(box.getUint32(0)).toBe(marked.addedBytes);
    expect(String.fromCharCode(...bytes.subarray(12, 16))).toBe("uuid");
    expect(text(bytes.subarray(32))).toContain(DIGITAL_SOURCE_TYPES.generated);
    expect(markVideo(new Blob([]).stream(), "video/webm", mark)).toBeNull();
  });
});
