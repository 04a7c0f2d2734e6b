import { describe, expect, it } from "vitest";
import type { LedgerItem } from "../../shared/credits";
import { kindLabel, mergeNewest, referenceLink, rowAmount } from "../../web/src/pages/credits/ledger-view";

const row = (over: Partial<LedgerItem>): LedgerItem => ({
  id: crypto.randomUUID(),
  delta: 0,
  heldDelta: 0,
  debtDelta: 0,
  kind: "grant",
  reference: null,
  description: "x",
  balanceAfter: 0,
  createdAt: 0,
  ...over,
});

describe("the Credits page's ledger lines", () => {
  it("link jobs and payments, and nothing else", () => {
    expect(referenceLink("job:01a2")).toEqual({ href: "/history?job=01a2", label: "View generation" });
    expect(referenceLink("payment:pay_1/x")).toEqual({ href: "/billing?payment=pay_1%2Fx", label: "View payment" });
    expect(referenceLink("admin:42")).toBeNull();
    expect(referenceLink(null)).toBeNull();
  });

  it("show holds as reserved and releases as returned, spending and income with a sign", () => {
    expect(rowAmount(row({ kind: "hold", heldDelta: 2 }))).toEqual({ text: "2 reserved", tone: "neutral" });
    expect(rowAmount(row({ kind: "release", heldDelta: -2 }))).toEqual({ text: "2 returned", tone: "credit" });
    expect(rowAmount(row({ kind: "capture", delta: -2, heldDelta: -2 }))).toMatchObject({ tone: "debit" });
    expect(rowAmount(row({ kind: "grant", delta: 500 }))).toEqual({ text: "+500", tone: "credit" });
    expect(rowAmount(row({ kind: "refund_clawback", delta: 0 }))).toEqual({ text: "0", tone: "neutral" });
    expect(kindLabel(row({ kind: "release" }))).toBe("Refund");
  });

  it("put new rows on top without repeating those already shown", () => {
    const [a, b, c] = [row({}), row({}), row({})];
    expect(mergeNewest([b!, c!], [a!, b!])).toEqual([a, b, c]);
    const same = [a!, b!];
    expect(mergeNewest(same, [a!])).toBe(same);
  });
});
