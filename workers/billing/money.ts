import { minorDigits } from "../../shared/plans";

/**
 * Whop sends amounts as decimals in major units (`10.43` for $10.43); we store integers in
 * minor units. Null when the amount cannot be represented exactly enough to be an integer count.
 */
export function toMinorUnits(amount: number, currency: string | null): number | null {
  const minor = Math.round(amount * 10 ** minorDigits(currency ?? "usd"));
  return Number.isSafeInteger(minor) && minor >= 0 ? minor : null;
}

/** Times outside 2000–2200 are nonsense in a payment event and would break keyset cursors. */
const EARLIEST_MS = Date.UTC(2000, 0, 1);
const LATEST_MS = Date.UTC(2200, 0, 1);

/**
 * Whop times are ISO 8601 strings in the v1 API and Unix seconds in older payloads; ours are ms.
 * Null for anything unparseable or outside a plausible range (the caller falls back to now).
 */
export function toMillis(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const ms = typeof value === "number" ? Math.round(value < 1e12 ? value * 1000 : value) : Date.parse(value);
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms <= LATEST_MS ? ms : null;
}
