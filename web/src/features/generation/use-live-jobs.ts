import { useEffect, useRef } from "hono/jsx/dom";
import type { JobView } from "../../../../shared/generation";
import { generationApi } from "../../api/generation";
import { subscribe } from "../../lib/live";
import { isOver } from "./job-status";

/** How often jobs still in flight are re-read, in case a live message was missed (a dropped socket). */
const SAFETY_POLL_MS = 5000;

/**
 * Calls `onJob` with every job update pushed on the live channel, and re-reads the listed
 * in-flight jobs now and then as a safety net.
 */
export function useLiveJobs(inFlight: JobView[], onJob: (job: JobView) => void): void {
  const handler = useRef(onJob);
  handler.current = onJob;
  const ids = inFlight.filter((job) => !isOver(job)).map((job) => job.id);
  const key = ids.join(",");

  useEffect(() => subscribe("job", (message) => handler.current(message.job)), []);

  useEffect(() => {
    if (ids.length === 0) return;
    const timer = setInterval(() => {
      for (const id of ids) {
        generationApi
          .job(id)
          .then((job) => handler.current(job))
          .catch(() => undefined); // the next tick or a live message catches up
      }
    }, SAFETY_POLL_MS);
    return () => clearInterval(timer);
  }, [key]);
}

/** The current time, refreshed every second while `active` (for elapsed-time labels). */
export function useTicker(active: boolean, setNow: (now: number) => void): void {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
}
