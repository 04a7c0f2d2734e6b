/**
 * An MP4 (ISO BMFF) muxer for one H.264 track whose sample sizes are known before any sample exists:
 * it lays out `ftyp`, `moov` and the `mdat` header first, so the samples can be streamed after it.
 */

/** What the container must know about the track, up front. */
export interface TrackLayout {
  width: number;
  height: number;
  fps: number;
  /** Byte size of every sample (a 4-byte length prefix plus the NAL unit). */
  sampleSizes: number[];
  /** 1-based numbers of the samples a player can start decoding at. */
  syncSamples: number[];
  /** SPS and PPS NAL units, for the `avcC` decoder configuration. */
  sps: Uint8Array;
  pps: Uint8Array;
}

type Field = readonly ["u8" | "u16" | "u32", number] | Uint8Array;

const WIDTH = { u8: 1, u16: 2, u32: 4 } as const;
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
/** Unity transformation matrix (16.16 and 2.30 fixed point) used by `mvhd` and `tkhd`. */
const MATRIX: Field[] = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000].map((v) => ["u32", v] as const);
const zeros = (count: number): Uint8Array => new Uint8Array(count);

function box(type: string, ...fields: Field[]): Uint8Array {
  const size = 8 + fields.reduce((sum, f) => sum + (f instanceof Uint8Array ? f.length : WIDTH[f[0]]), 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, size);
  out.set(ascii(type), 4);
  let offset = 8;
  for (const f of fields) {
    if (f instanceof Uint8Array) {
      out.set(f, offset);
      offset += f.length;
    } else if (f[0] === "u8") {
      view.setUint8(offset, f[1]);
      offset += 1;
    } else if (f[0] === "u16") {
      view.setUint16(offset, f[1]);
      offset += 2;
    } else {
      view.setUint32(offset, f[1]);
      offset += 4;
    }
  }
  return out;
}

const fullBox = (type: string, version: number, flags: number, ...fields: Field[]): Uint8Array =>
  box(type, ["u32", (version << 24) | flags], ...fields);

function sampleEntry(t: TrackLayout): Uint8Array {
  const avcC = box(
    "avcC",
    ["u8", 1],
    ["u8", t.sps[1]!],
    ["u8", t.sps[2]!],
    ["u8", t.sps[3]!],
    ["u8", 0xff], // reserved bits, lengthSizeMinusOne = 3 (4-byte NAL lengths)
    ["u8", 0xe1],
    ["u16", t.sps.length],
    t.sps, // reserved bits, one SPS
    ["u8", 1],
    ["u16", t.pps.length],
    t.pps,
  );
  const name = zeros(32);
  name.set(ascii("Ausar demo"), 1);
  name[0] = 10;
  const avc1 = box(
    "avc1",
    zeros(6),
    ["u16", 1],
    zeros(16),
    ["u16", t.width],
    ["u16", t.height],
    ["u32", 0x00480000],
    ["u32", 0x00480000],
    ["u32", 0],
    ["u16", 1],
    name,
    ["u16", 0x0018],
    ["u16", 0xffff],
    avcC,
  );
  return fullBox("stsd", 0, 0, ["u32", 1], avc1);
}

function sampleTable(t: TrackLayout, chunkOffset: number): Uint8Array {
  return box(
    "stbl",
    sampleEntry(t),
    fullBox("stts", 0, 0, ["u32", 1], ["u32", t.sampleSizes.length], ["u32", 1000]),
    fullBox("stss", 0, 0, ["u32", t.syncSamples.length], ...t.syncSamples.map((n) => ["u32", n] as const)),
    // One chunk holds every sample: they sit back to back in `mdat`.
    fullBox("stsc", 0, 0, ["u32", 1], ["u32", 1], ["u32", t.sampleSizes.length], ["u32", 1]),
    fullBox("stsz", 0, 0, ["u32", 0], ["u32", t.sampleSizes.length], ...t.sampleSizes.map((n) => ["u32", n] as const)),
    fullBox("stco", 0, 0, ["u32", 1], ["u32", chunkOffset]),
  );
}

/** Movie duration in milliseconds: samples last 1000 ticks of a `fps × 1000` timescale each. */
export const durationMs = (t: TrackLayout): number => Math.round((t.sampleSizes.length * 1000) / t.fps);

function movie(t: TrackLayout, chunkOffset: number): Uint8Array {
  const ms = durationMs(t);
  const mvhd = fullBox(
    "mvhd",
    0,
    0,
    ["u32", 0],
    ["u32", 0],
    ["u32", 1000],
    ["u32", ms],
    ["u32", 0x00010000],
    ["u16", 0x0100],
    zeros(10),
    ...MATRIX,
    zeros(24),
    ["u32", 2],
  );
  const tkhd = fullBox(
    "tkhd",
    0,
    3,
    ["u32", 0],
    ["u32", 0],
    ["u32", 1],
    ["u32", 0],
    ["u32", ms],
    zeros(8),
    ["u16", 0],
    ["u16", 0],
    ["u16", 0],
    ["u16", 0],
    ...MATRIX,
    ["u32", t.width * 65536],
    ["u32", t.height * 65536],
  );
  const mdhd = fullBox(
    "mdhd",
    0,
    0,
    ["u32", 0],
    ["u32", 0],
    ["u32", t.fps * 1000],
    ["u32", t.sampleSizes.length * 1000],
    ["u16", 0x55c4],
    ["u16", 0],
  ); // language "und"
  const hdlr = fullBox("hdlr", 0, 0, ["u32", 0], ascii("vide"), zeros(12), ascii("VideoHandler\0"));
  const dinf = box("dinf", fullBox("dref", 0, 0, ["u32", 1], fullBox("url ", 0, 1)));
  const minf = box("minf", fullBox("vmhd", 0, 1, zeros(8)), dinf, sampleTable(t, chunkOffset));
  return box("moov", mvhd, box("trak", tkhd, box("mdia", mdhd, hdlr, minf)));
}

/** Everything before the first sample (`ftyp`, `moov`, `mdat` header) and the file's total length. */
export function mp4Prefix(t: TrackLayout): { prefix: Uint8Array; totalBytes: number } {
  const ftyp = box("ftyp", ascii("isom"), ["u32", 0x200], ascii("isom"), ascii("iso2"), ascii("avc1"), ascii("mp41"));
  const payload = t.sampleSizes.reduce((sum, n) => sum + n, 0);
  // The chunk offset is a fixed-width field, so measuring `moov` with a placeholder gives its true size.
  const moovSize = movie(t, 0).length;
  const mdatStart = ftyp.length + moovSize + 8;
  if (mdatStart + payload > 0xffffffff) throw new RangeError("video too large for 32-bit MP4 offsets");
  const prefix = new Uint8Array(mdatStart);
  prefix.set(ftyp, 0);
  prefix.set(movie(t, mdatStart), ftyp.length);
  const mdatHeader = new DataView(prefix.buffer, mdatStart - 8, 8);
  mdatHeader.setUint32(0, 8 + payload);
  prefix.set(ascii("mdat"), mdatStart - 4);
  return { prefix, totalBytes: mdatStart + payload };
}
