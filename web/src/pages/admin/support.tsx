import { useEffect, useState } from "hono/jsx/dom";
import { type StaffThreadsResponse, SUPPORT_STATUSES, type SupportStatus } from "../../../../shared/support";
import { adminSupportApi } from "../../api/admin-support";
import { EmptyState, Skeleton } from "../../components/feedback";
import { type MoreState, ShowOlder } from "../../components/show-older";
import { STAFF_STATUS_LABELS } from "../../features/support/status";
import { formatDateTime, formatRelative } from "../../lib/format";
import type { AdminSectionProps } from "./sections";
import { StaffErrorState } from "./staff-error";
import SupportThread from "./support-thread";
import "../../features/support/support.css";
import "./audit.css";

type Filter = SupportStatus | "all";
const FILTERS: readonly Filter[] = [...SUPPORT_STATUSES, "all"];
const FILTER_LABEL: Record<Filter, string> = { open: "Open", waiting: "Waiting", closed: "Closed", all: "All" };

type Threads = StaffThreadsResponse["threads"];
type Loaded = { kind: "loading" } | { kind: "error"; error: unknown } | { kind: "ready"; threads: Threads; next: string | null };

/** Support: the queue of threads, the longest-waiting first; `/admin/support/<id>` opens one. */
export default function SupportSection(props: AdminSectionProps) {
  if (props.item) return <SupportThread id={props.item} />;
  const wanted = props.query.get("status");
  const filter: Filter = FILTERS.find((f) => f === wanted) ?? "open";
  return <Queue key={filter} filter={filter} />;
}

function Queue(props: { filter: Filter }) {
  const status = props.filter === "all" ? null : props.filter;
  const [state, setState] = useState<Loaded>({ kind: "loading" });
  const [more, setMore] = useState<MoreState>("idle");
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setState({ kind: "loading" });
    adminSupportApi.queue(status, null).then(
      (page) => setState({ kind: "ready", ...page }),
      (error: unknown) => setState({ kind: "error", error }),
    );
  }, [attempt]);

  const showOlder = async () => {
    if (state.kind !== "ready" || !state.next) return;
    setMore("loading");
    try {
      const page = await adminSupportApi.queue(status, state.next);
      setState({ kind: "ready", threads: [...state.threads, ...page.threads], next: page.next });
      setMore("idle");
    } catch {
      setMore("error");
    }
  };

  return (
    <section class="admin-support" aria-labelledby="admin-support-title">
      <h2 id="admin-support-title" class="admin-section-title">
        Support
      </h2>
      <p class="muted">
        Threads by their last message, the longest-waiting first. A reply sets the thread to waiting for the person and emails them the
        subject and a link, never the text. Opening a thread is recorded in the audit log.
      </p>
      <nav class="admin-tabs" aria-label="Thread status">
        {FILTERS.map((f) => (
          <a key={f} class="admin-tab" href={`/admin/support?status=${f}`} aria-current={f === props.filter ? "page" : undefined}>
            {FILTER_LABEL[f]}
          </a>
        ))}
      </nav>
      {state.kind === "loading" ? <Skeleton lines={5} /> : null}
      {state.kind === "error" ? <StaffErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {state.kind === "ready" && state.threads.length === 0 ? (
        <EmptyState title="Nothing here" text={props.filter === "open" ? "No thread needs an answer." : "No threads have this status."} />
      ) : null}
      {state.kind === "ready" && state.threads.length > 0 ? (
        <>
          <QueueTable threads={state.threads} />
          {state.next ? (
            <ShowOlder class="audit-more" more={more} failedText="The next threads did not load." label="Show more" onClick={showOlder} />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function QueueTable(props: { threads: Threads }) {
  const now = Date.now();
  return (
    <div class="audit-table-wrap">
      <table class="audit-table" data-testid="support-queue">
        <thead>
          <tr>
            <th scope="col">Last message</th>
            <th scope="col">Subject</th>
            <th scope="col">Person</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {props.threads.map((t) => (
            <tr key={t.id} data-testid="support-queue-row">
              <td>
                <time dateTime={new Date(t.updatedAt).toISOString()} title={formatDateTime(t.updatedAt)}>
                  {formatRelative(t.updatedAt, now)}
                </time>
              </td>
              <td>
                <a href={`/admin/support/${t.id}`}>{t.subject}</a>
              </td>
              <td>
                <a class="mono" href={`/admin/users/${t.userId}`} title={t.userId}>
                  {t.userId.slice(0, 8)}…
                </a>
              </td>
              <td>
                <span class={`badge status-${t.status}`}>{STAFF_STATUS_LABELS[t.status]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
