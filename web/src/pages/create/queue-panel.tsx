import type { JobView } from "../../../../shared/generation";
import { elapsedOf, formatElapsed, isCancelable, STATUS_LABELS } from "../../features/generation/job-status";
import { shortPrompt } from "./result-card";
import { isDraft } from "./results-state";

/**
 * The running jobs in one small panel, each with its progress and Cancel, instead of a notice per
 * job. Fixed to a corner, so it appearing or going never moves the results.
 */
export function QueuePanel(props: { jobs: JobView[]; now: number; canceling: ReadonlySet<string>; onCancel: (job: JobView) => void }) {
  if (props.jobs.length === 0) return null;
  const n = props.jobs.length;
  return (
    <section class="queue-panel" aria-labelledby="queue-title" data-testid="queue-panel">
      <h2 class="queue-title" id="queue-title">
        {n === 1 ? "1 generation running" : `${n} generations running`}
      </h2>
      <ul class="queue-list">
        {props.jobs.map((job) => {
          const draft = isDraft(job);
          const label = shortPrompt(job.prompt);
          return (
            <li key={job.id} class="queue-item" data-job-id={job.id}>
              <span class="spinner" aria-hidden="true" />
              <span class="queue-text">
                <span class="queue-prompt">{label}</span>
                <span class="muted queue-progress">
                  {draft ? "Starting" : STATUS_LABELS[job.status]}
                  {job.queuePosition !== undefined ? ` · #${job.queuePosition + 1} in queue` : ""} ·{" "}
                  {formatElapsed(elapsedOf(job, Math.max(props.now, Date.now())))}
                </span>
              </span>
              <button
                type="button"
                class="btn btn-ghost btn-small"
                aria-label={`Cancel ${label}`}
                disabled={draft || props.canceling.has(job.id) || !isCancelable(job)}
                onClick={() => props.onCancel(job)}
              >
                {props.canceling.has(job.id) ? "Canceling…" : "Cancel"}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
