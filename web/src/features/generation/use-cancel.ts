import { useState } from "hono/jsx/dom";
import type { JobView } from "../../../../shared/generation";
import { generationApi } from "../../api/generation";
import { errorMessage } from "../../lib/api";
import { toast } from "../../lib/toasts";

/** Cancel with progress per job; the answer (or a refusal) is reported, the new view handed to `onJob`. */
export function useCancel(onJob: (job: JobView) => void) {
  const [canceling, setCanceling] = useState<ReadonlySet<string>>(new Set());
  const cancel = (job: JobView) => {
    setCanceling((s) => new Set(s).add(job.id));
    generationApi
      .cancel(job.id)
      .then((updated) => {
        onJob(updated);
        toast({ tone: "info", title: "Generation canceled", body: "Its credits are back in your balance.", key: "canceled" });
      })
      .catch((error: unknown) => {
        const message = errorMessage(error, "It could not be canceled.");
        toast({ tone: "error", title: "Not canceled", body: message, key: "not-canceled" });
        generationApi.job(job.id).then(onJob, () => undefined);
      })
      .finally(() =>
        setCanceling((s) => {
          const next = new Set(s);
          next.delete(job.id);
          return next;
        }),
      );
  };
  return { canceling, cancel };
}
