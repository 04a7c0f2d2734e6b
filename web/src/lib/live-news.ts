import type { JobView } from "../../../shared/generation";
import { locationStore } from "../router/history";
import { startLive, stopLive, subscribe } from "./live";
import { loadSession, sessionStore, updateCredits } from "./session";
import { toast } from "./toasts";

const announcedJobs = new Set<string>();

/** Toasts a job's outcome once, except on Create, which shows results in place. */
function announceJob(job: JobView): void {
  if (!(job.status === "succeeded" || job.status === "failed") || announcedJobs.has(job.id)) return;
  announcedJobs.add(job.id);
  if (locationStore.get().path === "/create") return;
  if (job.status === "succeeded") {
    toast({ tone: "success", title: "Your generation is ready", action: { label: "Open gallery", href: "/gallery" } });
  } else {
    toast({
      tone: "error",
      title: "A generation failed",
      body: "Its credits were returned to your balance.",
      action: { label: "See history", href: "/history" },
    });
  }
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
