// Finding the parts of a file /verify reads — its type, its XMP packet, whether a C2PA manifest store
// is in it — from the container's own structure, in the browser. Videos are walked box by box
// through `File.slice`, so a large one is never read into memory.

export type FileFormat =
  | { kind: "png" | "jpeg" | "webp"; label: string; mimeType: string }
  | { kind: "bmff-video"; label: string }
  | { kind: "other"; label: string };

const latin1 = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));

/** The file's type from its first bytes (never its name or the browser's guess). */
export function detectFormat(head: Uint8Array): FileFormat {
  if (head[0] === 0x89 && latin1(head, 1, 3) === "PNG") return { kind: "png", label: "PNG image", mimeType: "image/png" };
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { kind: "jpeg", label: "JPEG image", mimeType: "image/jpeg" };
  if (latin1(head, 0, 4) === "RIFF" && latin1(head, 8, 4) === "WEBP") return { kind: "webp", label: "WebP image", mimeType: "image/webp" };
  if (latin1(head, 4, 4) === "ftyp") {
    const brand = latin1(head, 8, 4);
    if (/^(avif|avis)$/.test(brand)) return { kind: "other", label: "AVIF image" };
    if (/^(heic|heix|hevc|mif1|msf1)$/.test(brand)) return { kind: "other", label: "HEIF image" };
    return { kind: "bmff-video", label: brand === "qt  " ? "QuickTime video" : "MP4 video" };
  }
  if (latin1(head, 0, 4) === "GIF8") return { kind: "other", label: "GIF image" };
  if (latin1(head, 0, 4) === "%PDF") return { kind: "other", label: "PDF document" };
  return { kind: "other", label: "a file type this page does not know" };
}

const XMP_JPEG_HEADER = "http://ns.adobe.com/xap/1.0/\0";

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The XMP packet of a PNG (an `iTXt` chunk with keyword `XML:com.adobe.xmp`, compressed or not). */
async function pngXmp(bytes: Uint8Array): Promise<string | null> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 8; at + 12 <= bytes.byteLength; ) {
    const length = view.getUint32(at);
    const type = latin1(bytes, at + 4, 4);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === "iTXt") {
      const keywordEnd = data.indexOf(0);
      if (keywordEnd > 0 && latin1(data, 0, keywordEnd) === "XML:com.adobe.xmp") {
        const compressed = data[keywordEnd + 1] === 1;
        // Past the compression flag and method, then the language tag and translated keyword (each NUL-terminated).
        const languageEnd = data.indexOf(0, keywordEnd + 3);
        const translatedEnd = data.indexOf(0, languageEnd + 1);
        const text = data.subarray(translatedEnd + 1);
        return new TextDecoder().decode(compressed ? await inflate(text) : text);
      }
    }
    if (type === "IEND") break;
    at += 12 + length;
  }
  return null;
}

/** The XMP packet of a JPEG (an `APP1` segment opening with the XMP namespace), from the headers before the picture data. */
function jpegXmp(bytes: Uint8Array): string | null {
  for (let at = 2; at + 4 <= bytes.byteLength && bytes[at] === 0xff; ) {
    const marker = bytes[at + 1]!;
    if (marker === 0xda || marker === 0xd9) break; // start of scan, end of image
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (marker === 0xe1 && latin1(bytes, at + 4, XMP_JPEG_HEADER.length) === XMP_JPEG_HEADER) {
      return new TextDecoder().decode(bytes.subarray(at + 4 + XMP_JPEG_HEADER.length, at + 2 + length));
    }
    at += 2 + length;
  }
  return null;
}

/** The XMP packet of a WebP (its `XMP ` chunk). */
function webpXmp(bytes: Uint8Array): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 12; at + 8 <= bytes.byteLength; ) {
    const length = view.getUint32(at + 4, true);
    if (latin1(bytes, at, 4) === "XMP ") return new TextDecoder().decode(bytes.subarray(at + 8, at + 8 + length));
    at += 8 + length + (length % 2);
  }
  return null;
}

/** The image's XMP packet, or null when it has none. */
export function imageXmp(kind: "png" | "jpeg" | "webp", bytes: Uint8Array): Promise<string | null> {
  if (kind === "png") return pngXmp(bytes);
  return Promise.resolve(kind === "jpeg" ? jpegXmp(bytes) : webpXmp(bytes));
}

/** The `uuid` box types: XMP (Adobe's, as Ausar writes it) and C2PA's manifest store (C2PA's embedding in BMFF). */
const XMP_UUID = "be7acfcb97a942e89c71999491e3afac";
const C2PA_UUID = "d8fec3d61b0e483c92975828877ec481";
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** What a video's top-level boxes hold: its XMP packet (the `uuid` box) and whether a C2PA manifest box is there. */
export async function videoParts(file: Blob): Promise<{ xmp: string | null; hasManifest: boolean; complete: boolean }> {
  let xmp: string | null = null;
  let hasManifest = false;
  let at = 0;
  // A real MP4 has a few dozen top-level boxes; the bound keeps a hostile file from looping long.
  for (let boxes = 0; at + 8 <= file.size && boxes < 10_000; boxes++) {
    const header = new Uint8Array(await file.slice(at, at + 32).arrayBuffer());
    const view = new DataView(header.buffer);
    let size = view.getUint32(0);
    const type = latin1(header, 4, 4);
    let headerLength = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(8));
      headerLength = 16;
    } else if (size === 0) size = file.size - at;
    if (size < headerLength) return { xmp, hasManifest, complete: false };
    if (type === "uuid") {
      const uuid = hex(header.subarray(headerLength, headerLength + 16));
      if (uuid === C2PA_UUID) hasManifest = true;
      // A packet is small; a box claiming more than a few MB is not one we read.
      if (uuid === XMP_UUID && size < 4 * 1024 * 1024) {
        xmp = await file.slice(at + headerLength + 16, at + size).text();
      }
    }
    at += size;
  }
  return { xmp, hasManifest, complete: at >= file.size };
}

/** What an XMP packet says about where the picture came from. */
export interface XmpFacts {
  digitalSourceType: string | null;
  creatorTool: string | null;
}

const decodeXml = (text: string) =>
  text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[\da-f]+);/gi, (entity, name: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (named[name]) return named[name];
    const code = name.startsWith("#x") || name.startsWith("#X") ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return Number.isFinite(code) ? String.fromCodePoint(code) : entity;
  });

/** A property written either as an attribute (`ns:Name="…"`) or as an element (`<ns:Name>…</ns:Name>`). */
function property(xmp: string, name: string): string | null {
  const attribute = new RegExp(`\\b${name}="([^"]*)"`).exec(xmp)?.[1];
  const element = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xmp)?.[1];
  const value = attribute ?? element;
  return value === undefined ? null : decodeXml(value).trim();
}

export function xmpFacts(xmp: string): XmpFacts {
  return {
    digitalSourceType: property(xmp, "Iptc4xmpExt:DigitalSourceType"),
    creatorTool: property(xmp, "xmp:CreatorTool"),
  };
}
