import type { Asset } from "@trustnxt/c2pa-ts/asset";
import { ascii, asciiAt, concatBytes, UnmarkableError } from "./bytes";

/** The RIFF chunk the C2PA specification (embedding in RIFF) gives the manifest store. */
const C2PA_CHUNK = "C2PA";

interface Chunk {
  fourcc: string;
  /** Offset of the chunk header. */
  at: number;
  /** Payload length, without the pad byte. */
  length: number;
}

function chunksOf(bytes: Uint8Array): Chunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Chunk[] = [];
  let at = 12;
  while (at + 8 <= bytes.byteLength) {
    const length = view.getUint32(at + 4, true);
    if (at + 8 + length > bytes.byteLength) throw new UnmarkableError("WebP chunk runs past the end of the file");
    chunks.push({ fourcc: asciiAt(bytes, at, 4), at, length });
    at += 8 + length + (length % 2);
  }
  return chunks;
}

/**
 * A WebP as a c2pa-ts asset (the library reads and writes PNG and JPEG only): the manifest store
 * goes into a `C2PA` chunk at the end of the RIFF container, which the data hash excludes.
 * The RIFF size is set when the space is made, before hashing, so it is covered by the hash.
 */
export class WebpAsset implements Asset {
  readonly mimeType = "image/webp";
  private data: Uint8Array;

  constructor(data: Uint8Array) {
    if (asciiAt(data, 0, 4) !== "RIFF" || asciiAt(data, 8, 4) !== "WEBP") throw new UnmarkableError("not a WebP");
    this.data = data;
  }

  getDataLength(): number {
    return this.data.byteLength;
  }

  async getDataRange(start = 0, length?: number): Promise<Uint8Array> {
    return this.data.subarray(start, length === undefined ? undefined : start + length);
  }

  private manifestChunk(): Chunk | undefined {
    return chunksOf(this.data).find((chunk) => chunk.fourcc === C2PA_CHUNK);
  }

  getManifestJUMBF(): Uint8Array | undefined {
    const chunk = this.manifestChunk();
    return chunk ? this.data.slice(chunk.at + 8, chunk.at + 8 + chunk.length) : undefined;
  }

  dumpInfo(): string {
    return chunksOf(this.data)
      .map((chunk) => `${chunk.fourcc} @${chunk.at} (${chunk.length} bytes)`)
      .join("\n");
  }

  /** Drops a manifest chunk the file had and appends an empty one of `length` bytes (the pad byte kept even). */
  async ensureManifestSpace(length: number): Promise<void> {
    const kept = chunksOf(this.data)
      .filter((chunk) => chunk.fourcc !== C2PA_CHUNK)
      .map((chunk) => this.data.subarray(chunk.at, Math.min(chunk.at + 8 + chunk.length + (chunk.length % 2), this.data.byteLength)));
    const header = new Uint8Array(8);
    header.set(ascii(C2PA_CHUNK), 0);
    new DataView(header.buffer).setUint32(4, length, true);
    const body = concatBytes([ascii("WEBP"), ...kept, header, new Uint8Array(length + (length % 2))]);
    const riff = new Uint8Array(8);
    riff.set(ascii("RIFF"), 0);
    new DataView(riff.buffer).setUint32(4, body.byteLength, true);
    this.data = concatBytes([riff, body]);
  }

  getHashExclusionRange(): { start: number; length: number } {
    const chunk = this.manifestChunk();
    if (!chunk) throw new Error("No manifest space in the WebP: call ensureManifestSpace first");
    // The chunk header and data, not its pad byte: the range c2pa-rs takes for the manifest.
    return { start: chunk.at, length: 8 + chunk.length };
  }

  async writeManifestJUMBF(jumbf: Uint8Array): Promise<void> {
    const chunk = this.manifestChunk();
    if (!chunk || chunk.length !== jumbf.byteLength) throw new Error("The manifest does not fit the space made for it");
    this.data.set(jumbf, chunk.at + 8);
  }
}
