import type { JobView } from "../../../../shared/generation";
import { JobCard } from "../../features/generation/job-card";

/** The newest jobs as cards: new ones appear at once, then update live until their results show. */
export function ResultsStrip(props: { jobs: JobView[]; now: number; onCancel: (job: JobView) => void; canceling: ReadonlySet<string> }) {
  if (props.jobs.length === 0) {
    return <p class="muted results-empty">Your results appear here as soon as you press Generate.</p>;
  }
  return (
    <ol class="results-strip" aria-label="Recent generations">
      {props.jobs.map((job) => (
        <li key={job.id}>
          <JobCard job={job} now={props.now} compact onCancel={props.onCancel} canceling={props.canceling.has(job.id)} />
        </li>
      ))}
    </ol>
  );
}
