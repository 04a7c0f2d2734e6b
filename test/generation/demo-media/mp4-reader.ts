/** Test-side MP4 reader: walks the box tree and decodes the few tables the checks need. */

export interface Mp4Box {
  type: string;
  /** Offset of the box header in the file. */
  start: number;
  size: number;
  /** The payload (after the 8-byte header). */
  body: Uint8Array;
  children: Mp4Box[];
}

const CONTAINERS = new Set(["moov", "trak", "mdia", "minf", "dinf", "stbl"]);

/** Parses the boxes in `bytes[from, to)`, descending into container boxes and `stsd`/`avc1`. */
export function readBoxes(bytes: Uint8Array, from = 0, to = bytes.length): Mp4Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: Mp4Box[] = [];
  for (let offset = from; offset < to; ) {
    const size = view.getUint32(offset);
    if (size < 8 || offset + size > to) throw new Error(`bad box size ${size} at ${offset}`);
    const type = new TextDecoder().decode(bytes.subarray(offset + 4, offset + 8));
    const body = bytes.subarray(offset + 8, offset + size);
    // stsd: full-box header (4) + entry count (4); avc1: 78 bytes of VisualSampleEntry fields.
    const childStart = CONTAINERS.has(type) ? 8 : type === "stsd" ? 16 : type === "avc1" ? 86 : -1;
    const children = childStart < 0 ? [] : readBoxes(bytes, offset + childStart, offset + size);
    boxes.push({ type, start: offset, size, body, children });
    offset += size;
  }
  return boxes;
}

/** The first box along a path of types (e.g. "moov/trak/mdia/mdhd"). */
export function findBox(boxes: Mp4Box[], path: string): Mp4Box {
  let level = boxes;
  let found: Mp4Box | undefined;
  for (const type of path.split("/")) {
    found = level.find((b) => b.type === type);
    if (!found) throw new Error(`no ${type} in ${path}`);
    level = found.children;
  }
  return found!;
}

/** Reads the big-endian u32 fields of a box body. */
export function u32s(box: Mp4Box, from = 0): number[] {
  const view = new DataView(box.body.buffer, box.body.byteOffset, box.body.byteLength);
  return Array.from({ length: Math.floor((box.body.length - from) / 4) }, (_, i) => view.getUint32(from + i * 4));
}
