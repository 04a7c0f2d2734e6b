import { describe, expect, it } from "vitest";
import { ledgerQuerySchema } from "../../shared/credits-query";
import { CreditsInputError } from "../../workers/credits/errors";
import { checkAmount, checkDelta, checkKey, checkText, MAX_CREDITS_PER_OPERATION } from "../../workers/credits/input";

describe("credit amounts", () => {
  it.each([1, 7, MAX_CREDITS_PER_OPERATION])("accept %s", (n) => expect(checkAmount(n)).toBe(n));
  it.each([0, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_CREDITS_PER_OPERATION + 1, Number.MAX_SAFE_INTEGER + 2, "3", null])(
    "refuse %s with a CreditsInputError naming the field",
    (n) => {
      expect(() => checkAmount(n)).toThrow(CreditsInputError);
      expect(() => checkAmount(n)).toThrow(/^amount /);
    },
  );
  it("adjustments take either sign but not zero", () => {
    expect(checkDelta(-5)).toBe(-5);
    expect(() => checkDelta(0)).toThrow(/must not be zero/);
    expect(() => checkDelta(-(MAX_CREDITS_PER_OPERATION + 1))).toThrow(CreditsInputError);
  });
});

describe("keys and text", () => {
  it("keys are printable ASCII without spaces, 1–200 characters", () => {
    expect(checkKey("pay_123:abc")).toBe("pay_123:abc");
    for (const bad of ["", "a b", "é", "x".repeat(201), 5]) expect(() => checkKey(bad)).toThrow(CreditsInputError);
  });
  it("text is trimmed, falls back when absent, and refuses blank", () => {
    expect(checkText("  provider failed ", "reason", "x")).toBe("provider failed");
    expect(checkText(undefined, "reason", "fallback")).toBe("fallback");
    expect(() => checkText("   ", "reason", "x")).toThrow(/reason must not be empty/);
  });
});

describe("ledger query", () => {
  it("defaults the page size and treats empty values as absent", () => {
    expect(ledgerQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(ledgerQuerySchema.parse({ cursor: "", limit: "" })).toEqual({ limit: 50 });
    expect(ledgerQuerySchema.parse({ cursor: "abc", limit: "100" })).toEqual({ cursor: "abc", limit: 100 });
  });
  it.each(["0", "101", "2.5", "x", ["1", "2"]])("refuses limit %j", (limit) => {
    expect(ledgerQuerySchema.safeParse({ limit }).success).toBe(false);
  });
});
