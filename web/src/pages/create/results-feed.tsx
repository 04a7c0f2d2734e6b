import type { Child } from "hono/jsx";
import type { JobView } from "../../../../shared/generation";
import { type ResultActions, ResultCard } from "./result-card";
import { isDraft } from "./results-state";

export interface ResultsFeedProps {
  jobs: JobView[];
  now: number;
  cardKey: (job: JobView) => string;
  canceling: ReadonlySet<string>;
  sharing: string | null;
  sharePanel: (mediaId: string) => Child;
  actions: ResultActions;
}

/** The newest jobs as a vertical feed, newest first, right under the prompt; each card updates live. */
export function ResultsFeed(props: ResultsFeedProps) {
  if (props.jobs.length === 0) {
    return <p class="muted results-empty">Your results appear here, right under the prompt, as soon as you press Generate.</p>;
  }
  return (
    <ol class="results-feed" aria-label="Recent generations">
      {props.jobs.map((job) => {
        const sharing = props.sharing && job.media.some((m) => m.id === props.sharing) ? props.sharing : null;
        return (
          <li key={props.cardKey(job)}>
            <ResultCard
              job={job}
              now={props.now}
              actions={props.actions}
              canceling={props.canceling.has(job.id)}
              draft={isDraft(job)}
              sharing={sharing}
              sharePanel={sharing ? props.sharePanel(sharing) : undefined}
            />
          </li>
        );
      })}
    </ol>
  );
}
