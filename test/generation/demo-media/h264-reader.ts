/** Test-side H.264 reader for what the demo encoder writes: SPS geometry and IDR slices of I_PCM macroblocks. */

class BitReader {
  private bit = 0;
  constructor(private readonly bytes: Uint8Array) {}
  u(bits: number): number {
    let value = 0;
    for (let i = 0; i < bits; i++) {
      const byte = this.bytes[this.bit >> 3];
      if (byte === undefined) throw new Error("read past the end of the NAL unit");
      value = value * 2 + ((byte >> (7 - (this.bit & 7))) & 1);
      this.bit++;
    }
    return value;
  }
  ue(): number {
    let zeros = 0;
    while (this.u(1) === 0) zeros++;
    return 2 ** zeros - 1 + this.u(zeros);
  }
  se(): number {
    const k = this.ue();
    return k % 2 ? (k + 1) / 2 : -k / 2;
  }
  align(): void {
    while (this.bit % 8) if (this.u(1) !== 0) throw new Error("non-zero alignment bit");
  }
  bytesAt(count: number): Uint8Array {
    const out = this.bytes.subarray(this.bit >> 3, (this.bit >> 3) + count);
    if (out.length !== count) throw new Error("truncated samples");
    this.bit += count * 8;
    return out;
  }
  get remainingBits(): number {
    return this.bytes.length * 8 - this.bit;
  }
}

/** Removes emulation prevention bytes (00 00 03 → 00 00). */
export function unescapeRbsp(nal: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0, zeros = 0; i < nal.length; i++) {
    if (zeros >= 2 && nal[i] === 3) {
      zeros = 0;
      continue;
    }
    out.push(nal[i]!);
    zeros = nal[i] === 0 ? zeros + 1 : 0;
  }
  return new Uint8Array(out);
}

export interface SpsInfo {
  profileIdc: number;
  levelIdc: number;
  mbWidth: number;
  mbHeight: number;
  width: number;
  height: number;
  log2MaxFrameNum: number;
  pocType: number;
}

/** Parses a Baseline SPS NAL unit (header byte included) up to the frame cropping. */
export function parseSps(nal: Uint8Array): SpsInfo {
  if ((nal[0]! & 0x1f) !== 7) throw new Error("not an SPS");
  const r = new BitReader(unescapeRbsp(nal.subarray(1)));
  const profileIdc = r.u(8);
  r.u(8);
  const levelIdc = r.u(8);
  r.ue();
  const log2MaxFrameNum = r.ue() + 4;
  const pocType = r.ue();
  if (pocType !== 2) throw new Error("the demo encoder uses POC type 2");
  r.ue();
  r.u(1);
  const mbWidth = r.ue() + 1;
  const mbHeight = r.ue() + 1;
  if (r.u(1) !== 1) throw new Error("expected frame_mbs_only");
  r.u(1);
  const crop = r.u(1) ? [r.ue(), r.ue(), r.ue(), r.ue()] : [0, 0, 0, 0];
  const [left, right, top, bottom] = crop as [number, number, number, number];
  return {
    profileIdc,
    levelIdc,
    mbWidth,
    mbHeight,
    width: mbWidth * 16 - 2 * (left + right),
    height: mbHeight * 16 - 2 * (top + bottom),
    log2MaxFrameNum,
    pocType,
  };
}

/** Decodes an IDR slice made only of I_PCM macroblocks into its coded luma plane (and checks its syntax). */
export function decodePcmIdr(nal: Uint8Array, sps: SpsInfo): { idrPicId: number; luma: Uint8Array } {
  if ((nal[0]! & 0x1f) !== 5) throw new Error(`expected an IDR slice, got NAL type ${nal[0]! & 0x1f}`);
  const r = new BitReader(unescapeRbsp(nal.subarray(1)));
  if (r.ue() !== 0) throw new Error("first_mb_in_slice");
  const sliceType = r.ue();
  if (sliceType !== 7 && sliceType !== 2) throw new Error(`slice_type ${sliceType}`);
  r.ue();
  if (r.u(sps.log2MaxFrameNum) !== 0) throw new Error("frame_num must be 0 in an IDR picture");
  const idrPicId = r.ue();
  r.u(1);
  r.u(1);
  r.se();
  if (r.ue() === 0) throw new Error("expected deblocking disabled or per-slice");
  const stride = sps.mbWidth * 16;
  const luma = new Uint8Array(stride * sps.mbHeight * 16);
  for (let mb = 0; mb < sps.mbWidth * sps.mbHeight; mb++) {
    const mbType = r.ue();
    if (mbType !== 25) throw new Error(`macroblock ${mb} has mb_type ${mbType}, not I_PCM`);
    r.align();
    const samples = r.bytesAt(384);
    const x0 = (mb % sps.mbWidth) * 16;
    const y0 = Math.floor(mb / sps.mbWidth) * 16;
    for (let row = 0; row < 16; row++) luma.set(samples.subarray(row * 16, row * 16 + 16), (y0 + row) * stride + x0);
  }
  if (r.u(1) !== 1 || r.remainingBits >= 8) throw new Error("missing or misplaced rbsp trailing bits");
  return { idrPicId, luma };
}
