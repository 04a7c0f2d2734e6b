import { BMFF } from "@trustnxt/c2pa-ts/asset";
import { asciiAt, UnmarkableError } from "./bytes";

/**
 * Major and compatible brands of the MP4 and QuickTime files Ausar signs and reads (c2pa-ts's own
 * BMFF class takes only the HEIF brands `heic` and `mif1`).
 */
const MP4_BRANDS = ["isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "qt  "];

/** The `uuid` user type C2PA gives the manifest store's box in ISO base media files. */
const C2PA_UUID = new Uint8Array(BMFF.c2paBoxUserType);

/** size, "uuid", user type, version and flags, "manifest\0", merkle offset. */
const MANIFEST_BOX_HEADER = 4 + 4 + 16 + 4 + 9 + 8;

/** How many bytes the C2PA box holding a manifest store of `manifestLength` bytes takes. */
const manifestBoxLength = (manifestLength: number) => MANIFEST_BOX_HEADER + manifestLength;

/**
 * Writes, at `at` in `into`, a top-level C2PA `uuid` box with room for a manifest store of
 * `manifestLength` bytes (zeros until it is signed).
 */
function writeManifestBox(into: Uint8Array, at: number, manifestLength: number): void {
  const view = new DataView(into.buffer, into.byteOffset + at, MANIFEST_BOX_HEADER);
  view.setUint32(0, manifestBoxLength(manifestLength));
  into.set([0x75, 0x75, 0x69, 0x64], at + 4); // "uuid"
  into.set(C2PA_UUID, at + 8);
  view.setUint32(24, 0); // version 0, flags 0
  into.set([0x6d, 0x61, 0x6e, 0x69, 0x66, 0x65, 0x73, 0x74, 0], at + 28); // "manifest\0"
  view.setBigUint64(37, 0n); // no merkle tree
  into.fill(0, at + MANIFEST_BOX_HEADER, at + manifestBoxLength(manifestLength));
}

/** The first top-level box is `ftyp` and names an MP4 or QuickTime brand. */
function isMp4(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 16 || asciiAt(bytes, 4, 4) !== "ftyp") return false;
  const size = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  if (size < 16 || size > bytes.byteLength) return false;
  for (let at = 8; at + 4 <= size; at += 4) {
    if (at === 12) continue; // minor version
    if (MP4_BRANDS.includes(asciiAt(bytes, at, 4))) return true;
  }
  return false;
}

/**
 * An MP4 or QuickTime file as a c2pa-ts asset, for a `c2pa.hash.bmff` hard binding. Two
 * differences from c2pa-ts's HEIF class:
 *
 * - The manifest store's box goes at the end of the file (after the XMP `uuid` box), not after
 *   `ftyp`: nothing before it moves, so the sample offsets in `moov` (`stco`/`co64`, which c2pa-ts
 *   does not rewrite) stay right. A box already at the end is reused when its size fits.
 * - The `/uuid` exclusion names the C2PA box even when the file has another top-level `uuid`
 *   box (our XMP): c2pa-ts looks a path up only when exactly one box matches it, while c2pa-rs
 *   applies the exclusion to every `uuid` box whose data matches (only the C2PA one does).
 */
export class Mp4Asset extends BMFF {
  private constructor(data: Uint8Array) {
    super(data);
    Object.defineProperty(this, "mimeType", { value: "video/mp4" });
  }

  /** Reads the file's top-level boxes; throws UnmarkableError when it is not an MP4 or QuickTime file. */
  static read(data: Uint8Array): Mp4Asset {
    if (!isMp4(data)) throw new UnmarkableError("not an MP4 file");
    // c2pa-ts's constructor checks the brand against its own list; it is widened only for this call.
    const brands = (BMFF as unknown as { canReadBrands: Set<string> }).canReadBrands;
    const added = MP4_BRANDS.filter((brand) => !brands.has(brand));
    for (const brand of added) brands.add(brand);
    try {
      return new Mp4Asset(data);
    } catch (error) {
      throw new UnmarkableError(`MP4 boxes unreadable: ${String(error)}`);
    } finally {
      for (const brand of added) brands.delete(brand);
    }
  }

  override getBoxByPath(xpath: string): ReturnType<BMFF["getBoxByPath"]> {
    if (xpath === "/uuid") {
      const c2pa = this.getTopLevelBoxes().filter(
        (box) => box.type === "uuid" && box.userType !== undefined && C2PA_UUID.every((b, i) => box.userType![i] === b),
      );
      return c2pa.length === 1 ? c2pa[0] : undefined;
    }
    return super.getBoxByPath(xpath);
  }

  override async ensureManifestSpace(length: number): Promise<void> {
    const boxes = this.getTopLevelBoxes();
    const last = boxes.at(-1);
    const data = await this.getDataRange();
    const existing = this.getManifestJUMBF();
    if (existing !== undefined && last && this.getBoxByPath("/uuid") === last && existing.byteLength === length) return;
    if (existing !== undefined && this.getBoxByPath("/uuid") !== last) throw new UnmarkableError("the MP4's C2PA box is not its last box");
    const keep = existing !== undefined && last ? last.offset : data.byteLength;
    const grown = new Uint8Array(keep + manifestBoxLength(length));
    grown.set(data.subarray(0, keep));
    writeManifestBox(grown, keep, length);
    const fresh = Mp4Asset.read(grown);
    const self = this as unknown as { data: Uint8Array; boxes: unknown[] };
    self.data = grown;
    self.boxes = fresh.getTopLevelBoxes();
  }
}
