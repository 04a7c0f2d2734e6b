import { minorDigits } from "../../shared/plans";

/**
 * Whop sends amounts as decimals in major units (`10.43` for $10.43); we store integers in
 * minor units. Null when the amount cannot be represented exactly enough to be an integer count.
 */
export function toMinorUnits(amount: number, currency: string | null): number | null {
  const minor = Math.round(amount * 10 ** minorDigits(currency ?? "usd"));
  return Number.isSafeInteger(minor) && minor >= 0 ? minor : null;
}

/** Whop times are ISO 8601 strings in the v1 API and Unix seconds in older payloads; ours are ms. */
export function toMillis(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value < 1e12 ? Math.round(value * 1000) : Math.round(value);
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}
