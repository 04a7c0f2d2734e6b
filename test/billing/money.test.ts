import { describe, expect, it } from "vitest";
import { cheapestRates, creditsBuy, formatPrice, minorDigits } from "../../shared/plans";
import { toMillis, toMinorUnits } from "../../workers/billing/money";

describe("money and time conversions", () => {
  it("turns Whop's major-unit decimals into integer minor units", () => {
    expect(toMinorUnits(10.43, "usd")).toBe(1043);
    expect(toMinorUnits(0.1 + 0.2, "usd")).toBe(30);
    expect(toMinorUnits(6.9, "eur")).toBe(690);
    expect(toMinorUnits(1200, "jpy")).toBe(1200);
    expect(toMinorUnits(1.234, "kwd")).toBe(1234);
    expect(toMinorUnits(5, null)).toBe(500);
    expect(toMinorUnits(1e300, "usd")).toBeNull();
    expect(minorDigits("JPY")).toBe(0);
  });

  it("reads ISO times and Unix seconds as milliseconds", () => {
    expect(toMillis("2026-01-01T00:00:00.000Z")).toBe(Date.UTC(2026, 0, 1));
    expect(toMillis(1767225600)).toBe(Date.UTC(2026, 0, 1));
    expect(toMillis(1767225600000)).toBe(Date.UTC(2026, 0, 1));
    expect(toMillis("not a date")).toBeNull();
    expect(toMillis(-1e300)).toBeNull();
    expect(toMillis(1e300)).toBeNull();
    expect(toMillis("0001-01-01T00:00:00Z")).toBeNull();
    expect(toMillis(null)).toBeNull();
  });

  it("says what credits buy and what plans cost", () => {
    expect(creditsBuy(500, { image: 2, videoSecond: 10 })).toBe("≈ 250 images or 50 s of video");
    expect(creditsBuy(500, { image: 1, videoSecond: 5 })).toBe("≈ 500 images or 100 s of video");
    expect(creditsBuy(500, { image: 3 })).toBe("≈ 166 images");
    expect(creditsBuy(500, {})).toBe("");
    expect(
      cheapestRates([
        { cost: { unit: "image", credits: 4 } },
        { cost: { unit: "image", credits: 1 } },
        { cost: { unit: "second", credits: 5 } },
      ]),
    ).toEqual({ image: 1, videoSecond: 5 });
    expect(formatPrice(1200, "usd")).toBe("$12.00");
    expect(formatPrice(1200, "jpy")).toBe("1200 JPY");
  });
});
