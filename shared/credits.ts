/** Ledger row kinds. `delta`/`heldDelta` per kind: grant +n/0, hold 0/+n, capture −n/−n, release 0/−n, clawback −n/0. */
export const LEDGER_KINDS = ["grant", "hold", "capture", "release", "adjust", "refund_clawback", "expire"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** How each kind is named to people (the row's `description` says the rest). */
export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = {
  grant: "Credits added",
  hold: "Reserved",
  capture: "Charged",
  release: "Refund",
  adjust: "Adjustment",
  refund_clawback: "Payment reversed",
  expire: "Expired",
};

/** `GET /api/credits` and the live `credits` message: credits spendable now and reserved by running jobs. */
export interface CreditBalance {
  available: number;
  held: number;
}

/** One ledger row as the API shows it. `reference` is `job:<id>`, `payment:<id>` or null. */
export interface LedgerItem {
  id: string;
  delta: number;
  heldDelta: number;
  kind: LedgerKind;
  reference: string | null;
  description: string;
  balanceAfter: number;
  createdAt: number;
}

/** A page of the ledger, newest first; `nextCursor` is null on the last page. */
export interface LedgerPage {
  items: LedgerItem[];
  nextCursor: string | null;
}
