import type { JobView } from "../../../../shared/generation";
import type { MediaView } from "../../../../shared/media";
import { AlertIcon } from "../../components/icons";
import "./job-card.css";
import { formatCredits } from "../../lib/format";
import { elapsedOf, formatElapsed, isCancelable, isOver, modelName, providerLine, statusLabel } from "./job-status";

export interface JobCardProps {
  job: JobView;
  /** The time elapsed labels are measured to (ticks while the job runs). */
  now: number;
  onCancel?: (job: JobView) => void;
  canceling?: boolean;
  /** The results strip shows less text than History. */
  compact?: boolean;
  highlighted?: boolean;
}

/** One output: the image or a playable video, at its own shape, with the prompt as alt text. */
function Output(props: { media: MediaView; prompt: string }) {
  const { media } = props;
  if (media.kind === "video") {
    return (
      <video
        class="job-media-item"
        src={media.url}
        poster={media.thumbnailUrl}
        controls
        preload="metadata"
        width={media.width}
        height={media.height}
        aria-label={props.prompt}
      />
    );
  }
  return (
    <img
      class="job-media-item"
      src={media.url}
      alt={props.prompt}
      width={media.width}
      height={media.height}
      loading="lazy"
      decoding="async"
    />
  );
}

/** Boxes of the right shape while the job runs, so nothing jumps when the results arrive. */
function Placeholders(props: { job: JobView }) {
  const boxes = Array.from({ length: props.job.kind === "video" ? 1 : props.job.params.count }, (_, i) => i);
  const shape = `shape-${props.job.params.aspectRatio.replace(":", "-")}`;
  return (
    <>
      {boxes.map((i) => (
        <div
          key={i}
          class={`job-media-item job-placeholder ${shape}${isOver(props.job) ? "" : " job-placeholder-busy"}`}
          aria-hidden="true"
        />
      ))}
    </>
  );
}

/**
 * Status, elapsed time, queue place and attempt. `announce` makes it a polite live region (History);
 * Create announces start, progress and finish in its own region instead of reading out every tick.
 */
function StatusLine(props: { job: JobView; now: number; announce?: boolean }) {
  const { job } = props;
  const busy = !isOver(job);
  return (
    <p
      class={`job-status job-status-${job.mediaDeleted ? "deleted" : job.status}`}
      aria-live={busy && props.announce !== false ? "polite" : undefined}
    >
      {busy ? <span class="spinner" aria-hidden="true" /> : null}
      <span class="job-status-label">{statusLabel(job)}</span>
      <span class="muted">· {formatElapsed(elapsedOf(job, Math.max(props.now, Date.now())))}</span>
      {job.queuePosition !== undefined && busy ? <span class="muted">· #{job.queuePosition + 1} in the provider's queue</span> : null}
      {job.attempts > 1 && busy ? <span class="muted">· attempt {job.attempts}</span> : null}
    </p>
  );
}

/** A generation: live status and elapsed time, then its results, or why it failed and what came back. */
export function JobCard(props: JobCardProps) {
  const { job } = props;
  const done = job.status === "succeeded" && job.media.length > 0;
  return (
    <article
      class={`card job-card${props.compact ? " job-card-compact" : ""}${props.highlighted ? " job-card-highlighted" : ""}`}
      id={`job-${job.id}`}
      data-job-id={job.id}
      data-status={job.status}
      data-deleted={job.mediaDeleted ? "true" : undefined}
    >
      <header class="job-card-head">
        <StatusLine job={job} now={props.now} />
        <span class="badge">{job.kind === "video" ? "Video" : "Image"}</span>
      </header>
      {job.mediaDeleted ? (
        <p class="job-deleted muted">Deleted from your gallery. The prompt and settings are kept, so you can reuse them.</p>
      ) : (
        <div class={`job-media${job.kind === "video" ? " job-media-video" : ""}`}>
          {done ? job.media.map((m) => <Output key={m.id} media={m} prompt={job.prompt} />) : <Placeholders job={job} />}
        </div>
      )}
      {job.error && job.status !== "succeeded" ? (
        <p class={`job-error${job.status === "canceled" ? " job-error-quiet" : ""}`} role={job.status === "failed" ? "status" : undefined}>
          {job.status === "failed" ? <AlertIcon size={16} /> : null}
          <span>
            {job.status === "canceled" ? "Canceled." : job.error.message}
            {job.refunded
              ? ` ${formatCredits(job.refunded)} refunded.`
              : job.status === "failed"
                ? " Your credits are being returned."
                : ""}
          </span>
        </p>
      ) : null}
      <p class={`job-prompt${props.compact ? " job-prompt-compact" : ""}`}>{job.prompt}</p>
      <footer class="job-card-foot">
        <p class="job-meta muted">
          {modelName(job.model)} ·{" "}
          {job.status === "succeeded" ? formatCredits(job.cost) : job.refunded ? "nothing charged" : `${formatCredits(job.cost)} reserved`}
          <br />
          <span class="job-provider">
            {job.status === "succeeded" ? "Generated by" : "Provider:"} {providerLine(job)}
          </span>
        </p>
        <div class="job-actions">
          {props.onCancel && isCancelable(job) ? (
            <button type="button" class="btn btn-secondary btn-small" disabled={props.canceling} onClick={() => props.onCancel?.(job)}>
              {props.canceling ? "Canceling…" : "Cancel"}
            </button>
          ) : null}
          <a class="btn btn-ghost btn-small" href={`/create?from=${encodeURIComponent(job.id)}`}>
            Reuse settings
          </a>
        </div>
      </footer>
    </article>
  );
}
