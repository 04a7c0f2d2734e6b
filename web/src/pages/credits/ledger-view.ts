import { LEDGER_KIND_LABELS, type LedgerItem } from "../../../../shared/credits";
import { formatCount } from "../../lib/format";
import type { LedgerEntry } from "./ledger-entries";

const signed = new Intl.NumberFormat(undefined, { signDisplay: "exceptZero" });

/** Where a row's `reference` leads: its generation or its payment. Unknown kinds link nowhere. */
export function referenceLink(reference: string | null): { href: string; label: string } | null {
  const match = reference ? /^(job|payment):(.+)$/.exec(reference) : null;
  if (!match) return null;
  const id = encodeURIComponent(match[2]!);
  return match[1] === "job"
    ? { href: `/history?job=${id}`, label: "View generation" }
    : { href: `/billing?payment=${id}`, label: "View payment" };
}

/**
 * The figure a row shows. `delta` is the change to the total: a hold only reserves credits and a
 * release returns them, so those show the reserved amount as a note, not as spending.
 */
export function rowAmount(item: LedgerItem): { text: string; tone: "credit" | "debit" | "neutral" } {
  if (item.kind === "hold") return { text: `${formatCount(item.heldDelta)} reserved`, tone: "neutral" };
  if (item.kind === "release") return { text: `${formatCount(-item.heldDelta)} returned`, tone: "credit" };
  if (item.delta === 0) return { text: "0", tone: "neutral" };
  return { text: signed.format(item.delta), tone: item.delta > 0 ? "credit" : "debit" };
}

/** The figure of a generation's line: what it cost in the end, or what is still reserved or came back. */
export function jobAmount(entry: Extract<LedgerEntry, { kind: "job" }>): { text: string; tone: "credit" | "debit" | "neutral" } {
  if (entry.state === "charged") return { text: signed.format(-entry.charged), tone: "debit" };
  if (entry.state === "reserved") return { text: `${formatCount(entry.reserved)} reserved`, tone: "neutral" };
  return { text: `${formatCount(entry.returned)} returned`, tone: "credit" };
}

/** The row's kind as people say it. */
export const kindLabel = (item: LedgerItem) => LEDGER_KIND_LABELS[item.kind];

/** Rows from a fresh first page that are not on screen yet go on top, keeping the order newest first. */
export function mergeNewest(current: LedgerItem[], fresh: LedgerItem[]): LedgerItem[] {
  const seen = new Set(current.map((item) => item.id));
  const added = fresh.filter((item) => !seen.has(item.id));
  return added.length ? [...added, ...current] : current;
}
