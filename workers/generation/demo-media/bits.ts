/** Bit-level writing for H.264 syntax (fixed-width and Exp-Golomb codes) and NAL emulation prevention. */

/** Writes bits most-significant first into a growing buffer. */
export class BitWriter {
  private buffer: Uint8Array;
  private length = 0;
  private current = 0;
  private pending = 0;

  constructor(capacity = 64) {
    this.buffer = new Uint8Array(capacity);
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  /** u(n): `value` in `bits` bits (at most 32). */
  u(bits: number, value: number): this {
    for (let i = bits - 1; i >= 0; i--) {
      this.current = (this.current << 1) | (Math.floor(value / 2 ** i) & 1);
      if (++this.pending === 8) {
        this.ensure(1);
        this.buffer[this.length++] = this.current;
        this.current = 0;
        this.pending = 0;
      }
    }
    return this;
  }

  /** ue(v): unsigned Exp-Golomb. */
  ue(value: number): this {
    const code = value + 1;
    const bits = Math.floor(Math.log2(code)) + 1;
    return this.u(bits - 1, 0).u(bits, code);
  }

  /** se(v): signed Exp-Golomb (k > 0 maps to 2k − 1, k ≤ 0 to −2k). */
  se(value: number): this {
    return this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  get byteAligned(): boolean {
    return this.pending === 0;
  }

  /** Zero bits up to the next byte boundary (pcm_alignment_zero_bit, cabac alignment and the like). */
  alignWithZeros(): this {
    while (this.pending !== 0) this.u(1, 0);
    return this;
  }

  /** rbsp_trailing_bits(): a stop bit then zeros to the byte boundary. */
  trailingBits(): this {
    return this.u(1, 1).alignWithZeros();
  }

  /** Raw bytes; the writer must be byte-aligned (as before I_PCM samples). */
  bytes(data: Uint8Array): this {
    if (this.pending !== 0) throw new Error("BitWriter.bytes needs a byte-aligned position");
    this.ensure(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
    return this;
  }

  /** The bytes written so far; the writer must be byte-aligned. */
  finish(): Uint8Array {
    if (this.pending !== 0) throw new Error("BitWriter.finish needs a byte-aligned position");
    return this.buffer.subarray(0, this.length);
  }
}

/**
 * Builds a NAL unit: the one-byte header, then the RBSP with an emulation_prevention_three_byte
 * (0x03) inserted wherever two zero bytes would be followed by a byte of 0..3 (H.264 7.4.1).
 */
export function nalUnit(refIdc: number, type: number, rbsp: Uint8Array): Uint8Array {
  let extra = 0;
  for (let i = 0, zeros = 0; i < rbsp.length; i++) {
    const byte = rbsp[i]!;
    if (zeros >= 2 && byte <= 3) {
      extra++;
      zeros = 0;
    }
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  const out = new Uint8Array(1 + rbsp.length + extra);
  out[0] = (refIdc << 5) | type;
  for (let i = 0, o = 1, zeros = 0; i < rbsp.length; i++) {
    const byte = rbsp[i]!;
    if (zeros >= 2 && byte <= 3) {
      out[o++] = 3;
      zeros = 0;
    }
    out[o++] = byte;
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return out;
}
