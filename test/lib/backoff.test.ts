import { describe, expect, it } from "vitest";
import { backoffSeconds, withJitter } from "../../workers/lib/backoff";

describe("backoffSeconds", () => {
  it("doubles from the first wait up to the cap", () => {
    const curve = { firstSeconds: 10, capSeconds: 300 };
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => backoffSeconds(n, curve))).toEqual([10, 20, 40, 80, 160, 300, 300]);
  });

  it("takes another factor, and treats step 0 like step 1", () => {
    const curve = { firstSeconds: 2, factor: 1.5, capSeconds: 30 };
    expect([0, 1, 2, 3].map((n) => backoffSeconds(n, curve))).toEqual([2, 2, 3, 4.5]);
    expect(backoffSeconds(50, curve)).toBe(30);
  });
});

describe("withJitter", () => {
  it("stays within ±20 %", () => {
    expect(withJitter(100, () => 0)).toBe(80);
    expect(withJitter(100, () => 0.5)).toBe(100);
    expect(withJitter(100, () => 0.999_999)).toBeCloseTo(120, 3);
  });
});
