import { useEffect, useState } from "hono/jsx/dom";
import type { JobView } from "../../../../shared/generation";
import type { MediaView } from "../../../../shared/media";
import { generationApi } from "../../api/generation";
import { formatBytes, formatCredits, formatDateTime } from "../../lib/format";
import { formatDuration, KIND_LABELS } from "./view";

type JobState = { status: "none" } | { status: "loading" } | { status: "ready"; job: JobView } | { status: "error" };

function Row(props: { label: string; value: string | number | undefined | null }) {
  if (props.value === undefined || props.value === null || props.value === "") return null;
  return (
    <div class="recipe-row">
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}

/** How an item was made: the prompt and every setting of its job (model, provider, seed…), and the file's facts. */
export function Recipe(props: { media: MediaView }) {
  const { media } = props;
  const [state, setState] = useState<JobState>({ status: media.jobId ? "loading" : "none" });
  useEffect(() => {
    if (!media.jobId) {
      setState({ status: "none" });
      return;
    }
    let current = true;
    setState({ status: "loading" });
    generationApi
      .job(media.jobId)
      .then((job) => current && setState({ status: "ready", job }))
      .catch(() => current && setState({ status: "error" }));
    return () => {
      current = false;
    };
  }, [media.jobId]);

  const job = state.status === "ready" ? state.job : null;
  const size = media.width && media.height ? `${media.width} × ${media.height}` : undefined;
  return (
    <div class="recipe">
      <p class="recipe-prompt">{job?.prompt ?? media.prompt ?? (media.kind === "upload" ? "Your upload" : "")}</p>
      <dl class="recipe-list">
        {job ? (
          <>
            <Row label="Model" value={job.model} />
            <Row label="Provider" value={`${job.provider} · ${job.providerModel}`} />
            <Row label="Aspect ratio" value={job.params.aspectRatio} />
            <Row label="Seed" value={job.params.seed} />
            <Row label="Count" value={job.params.count} />
            <Row label="Duration" value={job.params.durationSeconds ? `${job.params.durationSeconds} s` : undefined} />
            <Row label="Negative prompt" value={job.params.negativePrompt} />
            <Row label="References" value={job.params.inputMediaIds.length || undefined} />
            <Row label="Cost" value={formatCredits(job.cost)} />
          </>
        ) : null}
        <Row label="Kind" value={KIND_LABELS[media.kind]} />
        <Row label="Size" value={size} />
        <Row label="Length" value={media.durationMs ? formatDuration(media.durationMs) : undefined} />
        <Row label="File" value={`${media.contentType} · ${formatBytes(media.bytes)}`} />
        <Row label="Created" value={formatDateTime(media.createdAt)} />
      </dl>
      {state.status === "loading" ? <p class="muted recipe-note">Loading the settings…</p> : null}
      {state.status === "error" ? <p class="muted recipe-note">The settings of this generation could not be loaded.</p> : null}
    </div>
  );
}
