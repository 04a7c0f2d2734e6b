/**
 * How many D1 and R2 calls one purge invocation makes before it hands the rest to a fresh queue
 * message. Workers allow 1,000 subrequests per invocation on older paid plans (10,000 on current
 * ones) and a queue consumer 15 minutes of wall time; 200 calls stays far inside both.
 */
export const PURGE_CALLS_PER_INVOCATION = 200;

/** Counts calls against a per-invocation allowance. */
export class Budget {
  constructor(private remaining: number) {}

  /** Takes `calls` from the allowance; false once it is spent (the caller stops and resumes later). */
  spend(calls = 1): boolean {
    if (this.remaining < calls) return false;
    this.remaining -= calls;
    return true;
  }
}
