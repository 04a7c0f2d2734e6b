/**
 * Ledger row kinds. `delta`/`heldDelta`/`debtDelta` per kind: grant +n/0/0, hold 0/+n/0, capture −n/−n/0, release 0/−n/0,
 * clawback −taken/0/+shortfall, debt_repaid −n/0/−n, flag_cleared 0/0/−debt (docs/credits.md).
 */
export const LEDGER_KINDS = [
  "grant",
  "hold",
  "capture",
  "release",
  "adjust",
  "refund_clawback",
  "debt_repaid",
  "flag_cleared",
  "expire",
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** How each kind is named to people (the row's `description` says the rest). */
export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = {
  grant: "Credits added",
  hold: "Reserved",
  capture: "Charged",
  release: "Refund",
  adjust: "Adjustment",
  refund_clawback: "Payment reversed",
  debt_repaid: "Debt repaid",
  flag_cleared: "Review cleared",
  expire: "Expired",
};

/**
 * `GET /api/credits` and the live `credits` message: credits spendable now and reserved by running jobs; credits owed
 * after a refund or dispute found them spent (`debt`, paid first from later credits); and whether the account is
 * under review (`flagged`). While `debt > 0` or `flagged`, no new generation can start.
 */
export interface CreditBalance {
  available: number;
  held: number;
  debt: number;
  flagged: boolean;
}

/** One ledger row as the API shows it. `reference` is `job:<id>`, `payment:<id>` or null. */
export interface LedgerItem {
  id: string;
  delta: number;
  heldDelta: number;
  /** How this row changed the debt: + when a clawback fell short, − when repaid or written off. */
  debtDelta: number;
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
