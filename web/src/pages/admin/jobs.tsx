import { useEffect, useState } from "hono/jsx/dom";
import type { AdminJobFilter, AdminJobItem, AdminJobsPage, JobActionResult } from "../../../../shared/admin-ops";
import { answer, client } from "../../api/client";
import { EmptyState, Notice, Skeleton } from "../../components/feedback";
import { Field, SubmitButton } from "../../components/field";
import { type MoreState, ShowOlder } from "../../components/show-older";
import { text, useApiForm } from "../../lib/form";
import { formatDateTime } from "../../lib/format";
import type { AdminSectionProps } from "./sections";
import { StaffErrorState } from "./staff-error";
import "./audit.css";

/** The tabs of the section, in order; `stuck` and `dead_letter` are what an operator looks at first. */
const FILTERS: readonly { id: AdminJobFilter; label: string }[] = [
  { id: "stuck", label: "Stuck" },
  { id: "dead_letter", label: "Dead letters" },
  { id: "failed", label: "Failed" },
  { id: "running", label: "Running" },
  { id: "queued", label: "Queued" },
  { id: "succeeded", label: "Succeeded" },
  { id: "canceled", label: "Canceled" },
];

function filterOf(query: URLSearchParams): AdminJobFilter {
  const wanted = query.get("status");
  return FILTERS.find((f) => f.id === wanted)?.id ?? "stuck";
}

function fetchPage(status: AdminJobFilter, cursor?: string): Promise<AdminJobsPage> {
  return answer(client.api.admin.jobs.$get({ query: { status, cursor: cursor ?? "", limit: "50" } }));
}

type Loaded = { kind: "loading" } | { kind: "error"; error: unknown } | { kind: "ready"; items: AdminJobItem[]; nextCursor: string | null };

/** Jobs: every user's jobs by status, the stuck ones, the dead letters; retry a failed job, requeue a dead letter. */
export default function JobsSection(props: AdminSectionProps) {
  const status = filterOf(props.query);
  const [state, setState] = useState<Loaded>({ kind: "loading" });
  const [more, setMore] = useState<MoreState>("idle");
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ kind: "loading" });
    fetchPage(status).then(
      (page) => current && setState({ kind: "ready", ...page }),
      (error: unknown) => current && setState({ kind: "error", error }),
    );
    return () => {
      current = false;
    };
  }, [status, attempt]);

  const showOlder = async () => {
    if (state.kind !== "ready" || !state.nextCursor) return;
    setMore("loading");
    try {
      const page = await fetchPage(status, state.nextCursor);
      setState({ kind: "ready", items: [...state.items, ...page.items], nextCursor: page.nextCursor });
      setMore("idle");
    } catch {
      setMore("error");
    }
  };

  return (
    <section class="admin-jobs" aria-labelledby="admin-jobs-title">
      <h2 id="admin-jobs-title" class="admin-section-title">
        Jobs
      </h2>
      <p class="muted">
        Stuck: still queued or running after its deadline (the sweeper fails such jobs every 5 minutes). A retry is a new job, charged once;
        the failed one was refunded in full.
      </p>
      <nav class="dr-filters" aria-label="Job status">
        {FILTERS.map((f) => (
          <a
            key={f.id}
            class={`btn btn-secondary${f.id === status ? " is-active" : ""}`}
            href={`/admin/jobs?status=${f.id}`}
            aria-current={f.id === status ? "page" : undefined}
          >
            {f.label}
          </a>
        ))}
      </nav>
      <JobList state={state} status={status} more={more} onRetry={() => setAttempt((n) => n + 1)} onShowOlder={showOlder} />
    </section>
  );
}

function JobList(props: { state: Loaded; status: AdminJobFilter; more: MoreState; onRetry: () => void; onShowOlder: () => void }) {
  const { state } = props;
  if (state.kind === "loading") return <Skeleton lines={6} />;
  if (state.kind === "error") return <StaffErrorState error={state.error} onRetry={props.onRetry} />;
  if (state.items.length === 0) return <EmptyState title="No jobs here" text="Nothing has this status right now." />;
  return (
    <>
      <div class="audit-table-wrap">
        <table class="audit-table" data-testid="jobs-table">
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Job</th>
              <th scope="col">User</th>
              <th scope="col">Status</th>
              <th scope="col">Cost</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {state.items.map((item) => (
              <JobRow key={item.id} item={item} action={actionFor(item, props.status)} onDone={props.onRetry} />
            ))}
          </tbody>
        </table>
      </div>
      {state.nextCursor ? (
        <ShowOlder class="audit-more" more={props.more} failedText="The older jobs did not load." onClick={props.onShowOlder} />
      ) : null}
    </>
  );
}

type JobAction = "retry" | "requeue" | null;

function actionFor(item: AdminJobItem, status: AdminJobFilter): JobAction {
  if (status === "dead_letter" && (item.status === "failed" || item.status === "succeeded")) return "requeue";
  if (item.status === "failed") return "retry";
  return null;
}

function JobRow(props: { item: AdminJobItem; action: JobAction; onDone: () => void }) {
  const { item } = props;
  return (
    <tr data-testid="admin-job">
      <td>
        <time dateTime={new Date(item.createdAt).toISOString()}>{formatDateTime(item.createdAt)}</time>
      </td>
      <td>
        <span class="mono" title={item.id}>
          {item.id.slice(0, 8)}…
        </span>
        <div class="muted">
          {item.model} · attempt {item.attempts}
        </div>
      </td>
      <td>
        <a class="mono" href={`/admin/users/${item.userId}`} title={item.userId}>
          {item.userId.slice(0, 8)}…
        </a>
      </td>
      <td>
        <span class={`badge${item.status === "failed" || item.stuck ? " badge-warning" : ""}`}>
          {item.stuck ? `${item.status}, stuck` : item.status}
        </span>
        {item.errorCode ? <div class="mono muted">{item.errorCode}</div> : null}
        {item.deadLetteredAt ? <div class="muted">dead-lettered {formatDateTime(item.deadLetteredAt)}</div> : null}
      </td>
      <td>{item.cost}</td>
      <td>{props.action ? <JobActionForm item={item} action={props.action} onDone={props.onDone} /> : <span class="muted">—</span>}</td>
    </tr>
  );
}

function JobActionForm(props: { item: AdminJobItem; action: "retry" | "requeue"; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<JobActionResult | null>(null);
  const route = client.api.admin.jobs[":id"];
  const form = useApiForm(
    (data) => {
      const args = { param: { id: props.item.id }, json: { reason: text(data, "reason") } };
      return answer(props.action === "retry" ? route.retry.$post(args) : route.requeue.$post(args));
    },
    { fields: ["reason"], onSuccess: (answered) => setResult(answered) },
  );
  const label = props.action === "retry" ? "Retry" : "Requeue";
  if (result) {
    return (
      <Notice tone="success" title={props.action === "retry" ? "Retried" : "Requeued"}>
        {result.retryJobId ? `New job ${result.retryJobId.slice(0, 8)}…` : "Thumbnails queued again."}{" "}
        <button type="button" class="btn btn-secondary" onClick={props.onDone}>
          Refresh
        </button>
      </Notice>
    );
  }
  if (!open) {
    return (
      <button type="button" class="btn btn-secondary" onClick={() => setOpen(true)}>
        {label}…
      </button>
    );
  }
  return (
    <form class="dr-form" onSubmit={form.onSubmit} aria-label={`${label} job ${props.item.id}`}>
      <Field label="Reason (for the audit log)" name="reason" required error={form.fieldError("reason")} maxLength={500} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <div class="dr-actions">
        <SubmitButton pending={form.pending}>{label}</SubmitButton>
        <button type="button" class="btn btn-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
