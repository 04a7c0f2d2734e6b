/** How many finished job ids are remembered for a wait that comes after the news (a few minutes' worth). */
const REMEMBERED = 256;

/**
 * Requests waiting in the user's Account object for a job of theirs to finish (the synchronous `/v1`
 * images endpoints): the object hears every finished job first-hand, as `publish`, so no one polls
 * D1. A job that finished just before its wait began is remembered; the memory is lost if the object
 * is evicted, so a caller reads the job once after a wait that timed out.
 */
export class JobWaiters {
  private readonly waiting = new Map<string, Set<() => void>>();
  private readonly finished = new Set<string>();

  /** The job has finished (succeeded, failed or canceled): wake its waiters, remember it for late ones. */
  finish(jobId: string): void {
    this.finished.add(jobId);
    if (this.finished.size > REMEMBERED) this.finished.delete(this.finished.values().next().value as string);
    for (const wake of this.waiting.get(jobId) ?? []) wake();
    this.waiting.delete(jobId);
  }

  /** True when the job finishes within `timeoutMs` (or already has), false on timeout. */
  wait(jobId: string, timeoutMs: number): Promise<boolean> {
    if (this.finished.has(jobId)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiting.get(jobId)?.delete(wake);
        if (this.waiting.get(jobId)?.size === 0) this.waiting.delete(jobId);
        resolve(false);
      }, timeoutMs);
      const set = this.waiting.get(jobId) ?? new Set();
      set.add(wake);
      this.waiting.set(jobId, set);
    });
  }
}
