/**
 * The one retry curve of the server: wait `firstSeconds · factor^(n−1)` after failure (or poll) `n`,
 * 1-based, never more than `capSeconds`. Each caller keeps its own numbers; the shape is shared.
 */
export interface BackoffCurve {
  firstSeconds: number;
  capSeconds: number;
  /** Growth per step; doubling unless said otherwise. */
  factor?: number;
}

/** Seconds to wait after step `n` (1-based) on `curve`. */
export function backoffSeconds(n: number, curve: BackoffCurve): number {
  return Math.min(curve.capSeconds, curve.firstSeconds * (curve.factor ?? 2) ** Math.max(0, n - 1));
}

/** `seconds` spread by ±20 %, so many retries that failed together do not come back together. */
export function withJitter(seconds: number, random: () => number = Math.random): number {
  return seconds * (0.8 + random() * 0.4);
}
