import type { LedgerItem } from "../../../../shared/credits";

/** Where a job's credits ended up: still reserved, charged (perhaps with part returned), or all returned. */
type JobCreditState = "reserved" | "charged" | "refunded";

/** A line of the ledger as people read it: one row, or every row of one generation together. */
export type LedgerEntry =
  | { kind: "row"; item: LedgerItem }
  | {
      kind: "job";
      reference: string;
      /** The job's rows, newest first (the detail behind the line). */
      items: LedgerItem[];
      state: JobCreditState;
      /** Credits taken for good. */
      charged: number;
      /** Credits still reserved. */
      reserved: number;
      /** Credits reserved and then returned. */
      returned: number;
    };

/** The rows that move one generation's credits: reserved, then charged or returned. */
const JOB_KINDS = new Set<LedgerItem["kind"]>(["hold", "capture", "release"]);

const isJobRow = (item: LedgerItem) => JOB_KINDS.has(item.kind) && item.reference?.startsWith("job:") === true;

function jobEntry(reference: string, items: LedgerItem[]): LedgerEntry {
  let held = 0;
  let charged = 0;
  let returned = 0;
  for (const item of items) {
    if (item.kind === "hold") held += item.heldDelta;
    else if (item.kind === "capture") charged -= item.delta;
    else returned -= item.heldDelta;
  }
  const reserved = Math.max(0, held - charged - returned);
  const state: JobCreditState = charged > 0 ? "charged" : reserved > 0 ? "reserved" : "refunded";
  return { kind: "job", reference, items, state, charged, reserved, returned };
}

/**
 * The ledger's lines: a generation's hold, charge and refund rows make one line, placed where its
 * newest row is (so a charge moves its job to the top), and every other row is its own line. The
 * API keeps every row; this only changes how they read ("50 reserved" then "−50 charged" looked
 * like two charges). Rows of one job split across loaded pages join once both pages are in.
 */
export function ledgerEntries(items: readonly LedgerItem[]): LedgerEntry[] {
  const byJob = new Map<string, LedgerItem[]>();
  for (const item of items) {
    if (!isJobRow(item)) continue;
    const rows = byJob.get(item.reference!) ?? [];
    rows.push(item);
    byJob.set(item.reference!, rows);
  }
  const entries: LedgerEntry[] = [];
  for (const item of items) {
    if (!isJobRow(item)) entries.push({ kind: "row", item });
    else if (byJob.get(item.reference!)![0] === item) entries.push(jobEntry(item.reference!, byJob.get(item.reference!)!));
  }
  return entries;
}
