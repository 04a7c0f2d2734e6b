import { describe, expect, it } from "vitest";
import { BitWriter, nalUnit } from "../../../workers/generation/demo-media/bits";

const bits = (w: BitWriter) => [...w.finish()].map((b) => b.toString(2).padStart(8, "0")).join("");

describe("H.264 bit writing", () => {
  it("writes Exp-Golomb codes as the spec tabulates them", () => {
    // ue: 0→1, 1→010, 2→011, 3→00100, 25→000011010; se: 1→010, -1→011, 2→00100; 32 bits, then the stop bit.
    const w = new BitWriter().ue(0).ue(1).ue(2).ue(3).ue(25).se(1).se(-1).se(2);
    expect(bits(w.trailingBits())).toBe("1" + "010" + "011" + "00100" + "000011010" + "010" + "011" + "00100" + "1" + "0000000");
  });

  it("writes fixed-width fields up to 32 bits", () => {
    expect([...new BitWriter().u(32, 0xdeadbeef).u(8, 1).finish()]).toEqual([0xde, 0xad, 0xbe, 0xef, 1]);
  });

  it("refuses raw bytes or a finish off a byte boundary", () => {
    expect(() => new BitWriter().u(1, 1).bytes(new Uint8Array(1))).toThrow();
    expect(() => new BitWriter().u(3, 1).finish()).toThrow();
  });

  it("inserts emulation prevention bytes where a start code could appear", () => {
    expect([...nalUnit(3, 5, new Uint8Array([0, 0, 1, 0, 0, 0, 0, 0, 3, 0, 0, 4]))]).toEqual([
      0x65, 0, 0, 3, 1, 0, 0, 3, 0, 0, 3, 0, 3, 0, 0, 4,
    ]);
  });
});
