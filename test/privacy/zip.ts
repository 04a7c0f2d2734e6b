/**
 * A tiny ZIP reader for tests: walks the central directory (with ZIP64 sizes and offsets) and
 * returns each entry's bytes, for stored entries and deflated ones (via DecompressionStream).
 */
export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const MAX32 = 0xffffffff;

function findEndOfCentralDirectory(view: DataView): number {
  for (let i = view.byteLength - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === EOCD) return i;
  }
  throw new Error("not a ZIP: no end of central directory");
}

/** ZIP64 extra field values replace the 32-bit fields that read 0xFFFFFFFF, in this order. */
function zip64Values(view: DataView, start: number, length: number, wanted: { size: boolean; compressed: boolean; offset: boolean }) {
  const out: { size?: number; compressed?: number; offset?: number } = {};
  for (let p = start; p < start + length; ) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === ZIP64_EXTRA) {
      let q = p + 4;
      const next = () => {
        const value = Number(view.getBigUint64(q, true));
        q += 8;
        return value;
      };
      if (wanted.size) out.size = next();
      if (wanted.compressed) out.compressed = next();
      if (wanted.offset) out.offset = next();
    }
    p += 4 + size;
  }
  return out;
}

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Every entry of a ZIP archive, in central-directory order. */
export async function readZip(archive: Uint8Array): Promise<ZipEntry[]> {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  let count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  if (p === MAX32 || count === 0xffff) {
    // ZIP64 end-of-central-directory locator sits just before the classic record.
    const record = Number(view.getBigUint64(eocd - 20 + 8, true));
    count = Number(view.getBigUint64(record + 32, true));
    p = Number(view.getBigUint64(record + 48, true));
  }
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(p, true) !== CENTRAL) throw new Error(`bad central directory entry ${i}`);
    const method = view.getUint16(p + 10, true);
    let compressed = view.getUint32(p + 20, true);
    const size32 = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let offset = view.getUint32(p + 42, true);
    const name = decoder.decode(archive.subarray(p + 46, p + 46 + nameLength));
    const wide = zip64Values(view, p + 46 + nameLength, extraLength, {
      size: size32 === MAX32,
      compressed: compressed === MAX32,
      offset: offset === MAX32,
    });
    compressed = wide.compressed ?? compressed;
    offset = wide.offset ?? offset;
    if (view.getUint32(offset, true) !== LOCAL) throw new Error(`bad local header for ${name}`);
    const dataStart = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    const raw = archive.subarray(dataStart, dataStart + compressed);
    if (method !== 0 && method !== 8) throw new Error(`unsupported compression ${method} for ${name}`);
    entries.push({ name, bytes: method === 0 ? raw : await inflate(raw) });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
