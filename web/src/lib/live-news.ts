import type { JobView } from "../../../shared/generation";
import { locationStore } from "../router/history";
import { startLive, stopLive, subscribe } from "./live";
import { loadSession, sessionStore, updateCredits } from "./session";
import { toast, toastWithKey } from "./toasts";

const announcedJobs = new Set<string>();
/** What the one combined job notice on screen counts (reset when it has gone). */
const tally = { ready: 0, failed: 0 };

/** "Your generation is ready", "3 generations ready", "2 generations ready · 1 failed". */
function jobNotice(counts: { ready: number; failed: number }): { title: string; body?: string } {
  const { ready, failed } = counts;
  const refund =
    failed > 0 ? (failed === 1 ? "Its credits were returned to your balance." : "Their credits were returned to your balance.") : undefined;
  if (ready === 0) return { title: failed === 1 ? "A generation failed" : `${failed} generations failed`, body: refund };
  const title = ready === 1 ? "Your generation is ready" : `${ready} generations ready`;
  return failed === 0 ? { title } : { title: `${title} · ${failed} failed`, body: refund };
}

/** Where a finished result shows up by itself: Create in its feed, the gallery at the top of its grid. */
function showsResultsInPlace(path: string, job: JobView): boolean {
  return path === "/create" || (job.status === "succeeded" && (path === "/gallery" || path.startsWith("/gallery/")));
}

/**
 * Tells of a job's outcome once, except where the page shows it in place. Several jobs share one
 * notice that counts them, instead of a toast each.
 */
function announceJob(job: JobView): void {
  if (!(job.status === "succeeded" || job.status === "failed") || announcedJobs.has(job.id)) return;
  announcedJobs.add(job.id);
  if (showsResultsInPlace(locationStore.get().path, job)) return;
  if (!toastWithKey("jobs")) {
    tally.ready = 0;
    tally.failed = 0;
  }
  if (job.status === "succeeded") tally.ready++;
  else tally.failed++;
  toast({
    key: "jobs",
    tone: tally.ready === 0 ? "error" : "success",
    ...jobNotice(tally),
    action:
      tally.failed > 0 && tally.ready === 0 ? { label: "See history", href: "/history" } : { label: "Open gallery", href: "/gallery" },
  });
}

/** Keeps the live connection open while signed in and turns its messages into state and toasts. */
export function startLiveNews(): void {
  subscribe("credits", ({ available, held, debt, flagged }) => updateCredits({ available, held, debt, flagged }));
  subscribe("payment", () => toast({ tone: "success", title: "Payment received", body: "Your credits have been added." }));
  subscribe("job", (message) => announceJob(message.job));
  const follow = () => {
    if (sessionStore.get().status === "signed-in") {
      // On reconnect, refetch the balance (messages sent while away are gone); on a refused
      // connection, revalidate once: an expired access token is refreshed by the API client.
      startLive({ onReconnect: () => void loadSession(), onFailure: () => void loadSession() });
    } else if (sessionStore.get().status === "signed-out") {
      stopLive();
    }
  };
  sessionStore.subscribe(follow);
  follow();
}
