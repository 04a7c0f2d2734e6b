import { describe, expect, it } from "vitest";
import type { LedgerItem } from "../../../shared/credits";
import { ledgerEntries } from "../../../web/src/pages/credits/ledger-entries";

let seq = 0;
function row(kind: LedgerItem["kind"], fields: Partial<LedgerItem> = {}): LedgerItem {
  seq += 1;
  return {
    id: `r${seq}`,
    delta: 0,
    heldDelta: 0,
    debtDelta: 0,
    kind,
    reference: null,
    description: "Generation",
    balanceAfter: 0,
    createdAt: seq,
    ...fields,
  };
}

describe("ledger entries", () => {
  it("makes one charged line of a job's hold and capture, placed at its newest row", () => {
    const hold = row("hold", { reference: "job:a", heldDelta: 50 });
    const grant = row("grant", { delta: 500, reference: "payment:p" });
    const capture = row("capture", { reference: "job:a", delta: -50, heldDelta: -50 });
    const entries = ledgerEntries([capture, grant, hold]);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ kind: "job", reference: "job:a", state: "charged", charged: 50, reserved: 0, returned: 0 });
    expect(entries[0]!.kind === "job" && entries[0]!.items).toEqual([capture, hold]);
    expect(entries[1]).toEqual({ kind: "row", item: grant });
  });

  it("says reserved while running, refunded when returned, and charged with the part returned", () => {
    const running = ledgerEntries([row("hold", { reference: "job:r", heldDelta: 40 })]);
    expect(running[0]).toMatchObject({ state: "reserved", reserved: 40 });
    const failed = ledgerEntries([
      row("release", { reference: "job:f", heldDelta: -40 }),
      row("hold", { reference: "job:f", heldDelta: 40 }),
    ]);
    expect(failed[0]).toMatchObject({ state: "refunded", reserved: 0, returned: 40 });
    const partial = ledgerEntries([
      row("release", { reference: "job:p", heldDelta: -10 }),
      row("capture", { reference: "job:p", delta: -30, heldDelta: -30 }),
      row("hold", { reference: "job:p", heldDelta: 40 }),
    ]);
    expect(partial[0]).toMatchObject({ state: "charged", charged: 30, returned: 10, reserved: 0 });
  });

  it("keeps rows that are not a job's credits apart, even with a job reference", () => {
    const adjust = row("adjust", { reference: "job:x", delta: 20 });
    const hold = row("hold", { reference: "job:x", heldDelta: 20 });
    expect(ledgerEntries([adjust, hold]).map((e) => e.kind)).toEqual(["row", "job"]);
  });
});
