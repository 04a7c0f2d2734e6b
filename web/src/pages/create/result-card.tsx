import type { Child } from "hono/jsx";
import type { JobView } from "../../../../shared/generation";
import type { MediaView } from "../../../../shared/media";
import { AlertIcon, type IconProps, Svg } from "../../components/icons";
import { elapsedOf, formatElapsed, isCancelable, isOver, modelName, providerLine, statusLabel } from "../../features/generation/job-status";
import { formatCredits } from "../../lib/format";
import { DownloadIcon, HeartIcon, ShareIcon } from "../gallery/icons";
import { MediaImage } from "../gallery/media-image";
// Status colours, placeholders' shimmer, the shapes of the aspect ratios (also the shape buttons'), meta text.
import "../../features/generation/job-card.css";
import { trackFeature } from "../../lib/usage";

/** What a finished result offers; the page does the work with the calls the gallery and History use. */
export interface ResultActions {
  onOpen: (media: MediaView) => void;
  onFavorite: (media: MediaView) => void;
  onShare: (media: MediaView) => void;
  onUseAsReference: (media: MediaView) => void;
  onCopyPrompt: (job: JobView) => void;
  onReuse: (job: JobView) => void;
  onCancel: (job: JobView) => void;
}

export interface ResultCardProps {
  job: JobView;
  now: number;
  actions: ResultActions;
  canceling: boolean;
  /** Pressed Generate, the server has not answered yet: placeholders only, nothing to cancel. */
  draft: boolean;
  /** The media whose share panel is open, if it is one of this job's. */
  sharing: string | null;
  /** The share panel, shown under the card when `sharing` is one of its items. */
  sharePanel?: Child;
}

const ReferenceIcon = (p: IconProps) => (
  <Svg size={p.size ?? 18}>
    <rect x="3" y="3" width="18" height="18" rx="2" />
    <circle cx="9" cy="9" r="2" />
    <path d="m21 15-3.1-3.1a2 2 0 0 0-2.8 0L6 21" />
  </Svg>
);

/** A prompt short enough for a button's name ("Download lantern at dusk"). */
export function shortPrompt(prompt: string): string {
  const text = prompt.trim().replace(/\s+/g, " ");
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** "Download lantern at dusk", and ", image 2 of 4" when the job made several. */
function named(action: string, job: JobView, index: number): string {
  const which = job.media.length > 1 ? `, ${job.kind === "video" ? "video" : "image"} ${index + 1} of ${job.media.length}` : "";
  return `${action} ${shortPrompt(job.prompt)}${which}`;
}

/** How many boxes the job fills: one per requested image, one for a video. */
export const boxesOf = (job: Pick<JobView, "kind" | "params">) => (job.kind === "video" ? 1 : job.params.count);

/**
 * Status and elapsed time in slots of fixed width (spinner, label, time), left to right from a fixed
 * place, so a tick or the end of the job changes words, never positions (CLS 0).
 */
function ResultStatus(props: { job: JobView; now: number; draft: boolean }) {
  const { job } = props;
  const busy = !isOver(job);
  return (
    <p class={`job-status result-status job-status-${job.mediaDeleted ? "deleted" : job.status}`}>
      <span class="result-status-icon" aria-hidden="true">
        {busy ? <span class="spinner" /> : null}
      </span>
      <span class="job-status-label">{props.draft ? "Starting" : statusLabel(job)}</span>
      <span class="muted result-elapsed">{`· ${formatElapsed(elapsedOf(job, Math.max(props.now, Date.now())))}`}</span>
      {job.queuePosition !== undefined && busy ? <span class="muted">· #{job.queuePosition + 1} in queue</span> : null}
      {job.attempts > 1 && busy ? <span class="muted">· attempt {job.attempts}</span> : null}
    </p>
  );
}

/** One result: the picture (a button that opens the viewer) or a playable video, with its own actions. */
function Result(props: { job: JobView; media: MediaView; index: number; actions: ResultActions; sharing: boolean }) {
  const { job, media, index, actions } = props;
  return (
    <>
      {media.kind === "video" ? (
        <video
          class="result-media"
          src={media.url}
          poster={media.thumbnailUrl}
          controls
          preload="metadata"
          playsinline
          width={media.width}
          height={media.height}
          aria-label={job.prompt}
        />
      ) : (
        <button type="button" class="result-open" aria-label={named("Open", job, index)} onClick={() => actions.onOpen(media)}>
          <MediaImage class="result-media" src={media.url} alt={job.prompt} width={media.width} height={media.height} />
        </button>
      )}
      <div class="result-tools">
        {media.kind === "video" ? (
          <button
            type="button"
            class="result-tool"
            aria-label={named("Open", job, index)}
            title="Open"
            onClick={() => actions.onOpen(media)}
          >
            <Svg size={18}>
              <path d="M15 3h6v6M9 21H3v-6M21 3l-7 7M3 21l7-7" />
            </Svg>
          </button>
        ) : null}
        <button
          type="button"
          class={`result-tool${media.favorite ? " result-tool-on" : ""}`}
          aria-label={named("Favourite", job, index)}
          aria-pressed={media.favorite ? "true" : "false"}
          title={media.favorite ? "Favourite (on)" : "Favourite"}
          onClick={() => actions.onFavorite(media)}
        >
          <HeartIcon filled={media.favorite} />
        </button>
        <a
          class="result-tool"
          href={`${media.url}?download=1`}
          download
          onClick={() => trackFeature("download")}
          aria-label={named("Download", job, index)}
          title="Download"
        >
          <DownloadIcon />
        </a>
        <button
          type="button"
          class="result-tool"
          aria-label={named("Share", job, index)}
          aria-expanded={props.sharing ? "true" : "false"}
          title="Share"
          onClick={() => actions.onShare(media)}
        >
          <ShareIcon />
        </button>
        {media.kind !== "video" ? (
          <button
            type="button"
            class="result-tool"
            aria-label={named("Use as reference:", job, index)}
            title="Use as reference"
            onClick={() => actions.onUseAsReference(media)}
          >
            <ReferenceIcon />
          </button>
        ) : null}
      </div>
    </>
  );
}

/**
 * A job in the Create feed. Its boxes have the job's shape from the moment Generate is pressed and the
 * results replace them in place, so nothing on the page moves when they arrive (CLS 0). Nothing
 * appears or disappears in the card when the job ends either: the same rows, other words.
 */
export function ResultCard(props: ResultCardProps) {
  const { job, actions } = props;
  const done = job.status === "succeeded" && job.media.length > 0;
  const count = boxesOf(job);
  const shape = `shape-${job.params.aspectRatio.replace(":", "-")}`;
  const busy = !isOver(job);
  // Once done, one box per output still in the gallery: a deleted one leaves no empty frame behind.
  const boxes = Array.from({ length: done ? job.media.length : count }, (_, i) => i);
  return (
    <article
      class="card result-card"
      id={`job-${job.id}`}
      data-job-id={job.id}
      data-status={job.status}
      data-draft={props.draft ? "true" : undefined}
      data-deleted={job.mediaDeleted ? "true" : undefined}
      aria-labelledby={`job-${job.id}-title`}
    >
      <header class="result-head">
        <h3 class="result-title" id={`job-${job.id}-title`} tabindex={-1}>
          {job.prompt}
        </h3>
        <ResultStatus job={job} now={props.now} draft={props.draft} />
      </header>
      {job.mediaDeleted ? (
        <p class="result-deleted muted">Deleted from your gallery. The prompt and settings are kept, so you can reuse them.</p>
      ) : (
        <div class={`result-grid result-grid-${Math.min(boxes.length, 4)}`}>
          {boxes.map((i) => {
            const media = done ? job.media[i] : undefined;
            return (
              <div key={i} class={`result-frame ${shape}`} data-testid="result-frame">
                {media ? (
                  <Result job={job} media={media} index={i} actions={actions} sharing={props.sharing === media.id} />
                ) : (
                  <div class={`result-placeholder${busy ? " job-placeholder-busy" : ""}`} aria-hidden="true">
                    {busy ? <span class="result-progress">Generating…</span> : null}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      )}
      {job.error && job.status !== "succeeded" ? (
        <p class={`job-error${job.status === "canceled" ? " job-error-quiet" : ""}`}>
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
      <footer class="result-foot">
        <p class="job-meta muted">
          {`${modelName(job.model)} · ${job.kind === "video" ? "Video" : count === 1 ? "Image" : `${count} images`} · ${
            job.status === "succeeded" ? formatCredits(job.cost) : job.refunded ? "nothing charged" : `${formatCredits(job.cost)} reserved`
          }`}
          <br />
          <span class="job-provider">
            {`${job.status === "succeeded" ? "Generated by" : "Provider:"} ${props.draft ? "starting…" : providerLine(job)}`}
          </span>
        </p>
        {/* Copy prompt keeps its place at the end; Cancel gives way to Reuse settings (another button, not a moved one). */}
        <div class="result-actions">
          {busy ? (
            <button
              key="cancel"
              type="button"
              class="btn btn-secondary btn-small"
              disabled={props.draft || props.canceling || !isCancelable(job)}
              aria-label={`Cancel ${shortPrompt(job.prompt)}`}
              onClick={() => actions.onCancel(job)}
            >
              {props.canceling ? "Canceling…" : "Cancel"}
            </button>
          ) : (
            <button
              key="reuse"
              type="button"
              class="btn btn-ghost btn-small"
              aria-label={`Reuse settings of ${shortPrompt(job.prompt)}`}
              onClick={() => actions.onReuse(job)}
            >
              Reuse settings
            </button>
          )}
          <button
            key="copy"
            type="button"
            class="btn btn-ghost btn-small"
            aria-label={`Copy prompt of ${shortPrompt(job.prompt)}`}
            onClick={() => actions.onCopyPrompt(job)}
          >
            Copy prompt
          </button>
        </div>
      </footer>
      {props.sharePanel ?? null}
    </article>
  );
}
