import { useEffect, useState } from "hono/jsx/dom";
import { JOB_STATUSES, type JobStatus, type JobView } from "../../../../shared/generation";
import { generationApi } from "../../api/generation";
import { EmptyState, ErrorState, PageHeader, Skeleton } from "../../components/feedback";
import { ClockIcon } from "../../components/icons";
import { type MoreState, ShowOlder } from "../../components/show-older";
import { JobCard } from "../../features/generation/job-card";
import { isOver, STATUS_LABELS, upsertJob } from "../../features/generation/job-status";
import { useCancel } from "../../features/generation/use-cancel";
import { useLiveJobs, useTicker } from "../../features/generation/use-live-jobs";
import { errorMessage } from "../../lib/api";
import type { PageProps } from "../../router/routes";
import "./history.css";

type List =
  | { kind: "loading" }
  | { kind: "error"; message: string }
  | { kind: "ready"; items: JobView[]; nextCursor: string | null; more: MoreState };

function parseStatus(value: string | null): JobStatus | null {
  return JOB_STATUSES.find((s) => s === value) ?? null;
}

/** `/history`: every generation, newest first, with live status, failures, refunds and "reuse settings". */
export default function HistoryPage(props: PageProps) {
  const [status, setStatus] = useState<JobStatus | null>(parseStatus(props.query.get("status")));
  const [list, setList] = useState<List>({ kind: "loading" });
  const [now, setNow] = useState(Date.now());
  const focusId = props.query.get("job");

  const onJob = (job: JobView) =>
    setList((l) =>
      l.kind === "ready" ? { ...l, items: upsertJob(l.items, job, { addIfMissing: status === null || job.status === status }) } : l,
    );
  const { canceling, cancel } = useCancel(onJob);
  const items = list.kind === "ready" ? list.items : [];
  useLiveJobs(items, onJob);
  useTicker(
    items.some((j) => !isOver(j)),
    setNow,
  );

  const load = () => {
    setList({ kind: "loading" });
    generationApi
      .list({ status })
      .then(async (page) => {
        let items = page.items;
        // A link to one job (from the ledger) shows it even when it is older than the first page.
        if (focusId && !items.some((j) => j.id === focusId)) {
          const focused = await generationApi.job(focusId).catch(() => null);
          if (focused) items = [focused, ...items];
        }
        setList({ kind: "ready", items, nextCursor: page.nextCursor, more: "idle" });
      })
      .catch((error: unknown) => setList({ kind: "error", message: errorMessage(error) }));
  };
  useEffect(load, [status]);

  useEffect(() => {
    if (list.kind === "ready" && focusId) document.getElementById(`job-${focusId}`)?.scrollIntoView({ block: "center" });
  }, [list.kind, focusId]);

  const loadMore = (cursor: string) => {
    setList((l) => (l.kind === "ready" ? { ...l, more: "loading" } : l));
    generationApi
      .list({ status, cursor })
      .then((page) =>
        setList((l) => {
          if (l.kind !== "ready") return l;
          const seen = new Set(l.items.map((j) => j.id));
          return {
            kind: "ready",
            items: [...l.items, ...page.items.filter((j) => !seen.has(j.id))],
            nextCursor: page.nextCursor,
            more: "idle",
          };
        }),
      )
      .catch(() => setList((l) => (l.kind === "ready" ? { ...l, more: "error" } : l)));
  };

  return (
    <div class="page">
      <PageHeader
        title="History"
        description="Every generation you started, with its status and cost. Failed and canceled ones are refunded."
        actions={
          <label class="history-filter">
            <span class="field-label">Show</span>
            <select
              class="input"
              value={status ?? ""}
              onChange={(event: Event) => setStatus(parseStatus((event.currentTarget as HTMLSelectElement).value))}
            >
              <option value="">All</option>
              {JOB_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
        }
      />
      {list.kind === "loading" ? <Skeleton lines={6} /> : null}
      {list.kind === "error" ? <ErrorState message={list.message} onRetry={load} /> : null}
      {list.kind === "ready" && list.items.length === 0 ? (
        <EmptyState
          icon={<ClockIcon size={28} />}
          title={status ? `No ${STATUS_LABELS[status].toLowerCase()} generations` : "No generations yet"}
          text="Jobs you start appear here, live."
          action={{ label: "Go to Create", href: "/create" }}
        />
      ) : null}
      {list.kind === "ready" && list.items.length > 0 ? (
        <ol class="history-list" aria-label="Generations, newest first">
          {list.items.map((job) => (
            <li key={job.id}>
              <JobCard job={job} now={now} onCancel={cancel} canceling={canceling.has(job.id)} highlighted={job.id === focusId} />
            </li>
          ))}
        </ol>
      ) : null}
      {list.kind === "ready" && list.nextCursor ? (
        <ShowOlder
          class="history-more"
          more={list.more}
          failedText="Those generations did not load."
          onClick={() => list.nextCursor && loadMore(list.nextCursor)}
        />
      ) : null}
    </div>
  );
}
