import { useEffect, useState } from "hono/jsx/dom";
import { DATA_REQUEST_KINDS, type DataRequestKind } from "../../../../shared/data-request-kinds";
import type { DataRequestView } from "../../../../shared/data-requests";
import { answer, client } from "../../api/client";
import { EmptyState, Notice, Skeleton } from "../../components/feedback";
import { Field, SubmitButton } from "../../components/field";
import { text, useApiForm } from "../../lib/form";
import { formatDate } from "../../lib/format";
import type { AdminSectionProps } from "./sections";
import { StaffErrorState } from "./staff-error";
import "./audit.css";

type StatusFilter = "open" | "closed" | "all";
const STATUSES: readonly StatusFilter[] = ["open", "closed", "all"];

const KIND_LABEL: Record<DataRequestKind, string> = {
  access: "Access",
  rectification: "Rectification",
  erasure: "Erasure",
  restriction: "Restriction",
  portability: "Portability",
  objection: "Objection",
  withdrawal: "Consent withdrawal",
};

const today = () => new Date().toISOString().slice(0, 10);

/** Data requests (P31): the list by due date with overdue ones marked, recording an emailed request, closing with an outcome. */
export default function DataRequestsSection(props: AdminSectionProps) {
  const wanted = props.query.get("status");
  const status: StatusFilter = STATUSES.includes(wanted as StatusFilter) ? (wanted as StatusFilter) : "open";
  return <DataRequests key={status} status={status} />;
}

type Loaded = { kind: "loading" } | { kind: "error"; error: unknown } | { kind: "ready"; items: DataRequestView[] };

function DataRequests(props: { status: StatusFilter }) {
  const [list, setList] = useState<Loaded>({ kind: "loading" });
  const reload = () =>
    answer(client.api.admin["data-requests"].$get({ query: { status: props.status } })).then(
      (page) => setList({ kind: "ready", items: page.items }),
      (error: unknown) => setList({ kind: "error", error }),
    );
  useEffect(() => {
    void reload();
  }, []);
  return (
    <section class="admin-data-requests" aria-labelledby="admin-dr-title">
      <h2 id="admin-dr-title" class="admin-section-title">
        Data requests
      </h2>
      <p class="muted">
        Rights requests that arrive by email, due 30 days after they were received (privacy policy §7.2). Self-serve exports and deletions
        appear here by themselves, already fulfilled.
      </p>
      <NewRequest onRecorded={() => void reload()} />
      <nav class="admin-tabs" aria-label="Request status">
        {STATUSES.map((s) => (
          <a key={s} class="admin-tab" href={`/admin/data-requests?status=${s}`} aria-current={s === props.status ? "page" : undefined}>
            {s === "open" ? "Open" : s === "closed" ? "Closed" : "All"}
          </a>
        ))}
      </nav>
      {list.kind === "loading" ? <Skeleton lines={5} /> : null}
      {list.kind === "error" ? (
        <StaffErrorState
          error={list.error}
          onRetry={() => {
            setList({ kind: "loading" });
            void reload();
          }}
        />
      ) : null}
      {list.kind === "ready" && list.items.length === 0 ? (
        <EmptyState
          title={props.status === "open" ? "No open requests" : "No requests"}
          text="Record one above when a request arrives by email."
        />
      ) : null}
      {list.kind === "ready" && list.items.length > 0 ? (
        <ul class="dr-list" data-testid="data-requests">
          {list.items.map((item) => (
            <RequestCard key={item.id} item={item} onChanged={() => void reload()} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function NewRequest(props: { onRecorded: () => void }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<DataRequestView | null>(null);
  const form = useApiForm(
    async (data) =>
      (
        await answer(
          client.api.admin["data-requests"].$post({
            json: {
              kind: text(data, "kind") as DataRequestKind,
              requesterEmail: text(data, "requesterEmail"),
              receivedOn: text(data, "receivedOn"),
              notes: text(data, "notes"),
              reason: text(data, "reason"),
            },
          }),
        )
      ).request,
    {
      fields: ["kind", "requesterEmail", "receivedOn", "notes", "reason"],
      onSuccess: (request) => {
        setDone(request);
        setOpen(false);
        props.onRecorded();
      },
    },
  );
  if (!open) {
    return (
      <div class="dr-new">
        {done ? (
          <Notice tone="success" title="Request recorded">
            Due {formatDate(done.dueAt)}
            {done.userId ? ", linked to the account with that address." : ". No account has that address."}
          </Notice>
        ) : null}
        <button type="button" class="btn btn-primary" onClick={() => setOpen(true)}>
          Record a request
        </button>
      </div>
    );
  }
  return (
    <form class="card dr-form" onSubmit={form.onSubmit} aria-label="Record a data request">
      <label class="field-label">
        Kind
        <select class="input" name="kind" required>
          {DATA_REQUEST_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </label>
      <Field label="Requester's email" name="requesterEmail" type="email" required error={form.fieldError("requesterEmail")} />
      <label class="field-label">
        Received on
        <input class="input" type="date" name="receivedOn" required value={today()} max={today()} />
      </label>
      {form.fieldError("receivedOn") ? <p class="field-error">{form.fieldError("receivedOn")}</p> : null}
      <Field label="Notes" name="notes" error={form.fieldError("notes")} maxLength={5000} />
      <Field label="Reason (for the audit log)" name="reason" required error={form.fieldError("reason")} maxLength={500} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <div class="dr-actions">
        <SubmitButton pending={form.pending}>Record</SubmitButton>
        <button type="button" class="btn btn-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RequestCard(props: { item: DataRequestView; onChanged: () => void }) {
  const { item } = props;
  const [closing, setClosing] = useState(false);
  const form = useApiForm(
    (data) =>
      answer(
        client.api.admin["data-requests"][":id"].$patch({
          param: { id: item.id },
          json: { status: "closed", outcome: text(data, "outcome"), reason: text(data, "reason") },
        }),
      ),
    { fields: ["outcome", "reason"], onSuccess: () => props.onChanged() },
  );
  return (
    <li class={`card dr-item${item.overdue ? " dr-overdue" : ""}`} data-testid="data-request">
      <div class="dr-head">
        <strong>{KIND_LABEL[item.kind]}</strong>
        <span class="badge">{item.source === "email" ? "by email" : "self-serve"}</span>
        {item.status === "open" ? <span class="badge badge-accent">open</span> : <span class="badge">closed</span>}
        {item.overdue ? <span class="badge badge-danger">overdue</span> : null}
      </div>
      <dl class="dr-facts">
        <dt>From</dt>
        <dd>{item.requesterEmail ?? <span class="muted">the account holder</span>}</dd>
        <dt>Account</dt>
        <dd class="mono">{item.userId ?? <span class="muted">not found</span>}</dd>
        <dt>Received</dt>
        <dd>{formatDate(item.receivedAt)}</dd>
        <dt>Due</dt>
        <dd>{formatDate(item.dueAt)}</dd>
        {item.notes ? (
          <>
            <dt>Notes</dt>
            <dd>{item.notes}</dd>
          </>
        ) : null}
        {item.outcome ? (
          <>
            <dt>Outcome</dt>
            <dd>
              {item.outcome}
              {item.closedAt ? <span class="muted"> ({formatDate(item.closedAt)})</span> : null}
            </dd>
          </>
        ) : null}
      </dl>
      {item.status === "open" && !closing ? (
        <button type="button" class="btn btn-secondary" onClick={() => setClosing(true)}>
          Close with an outcome
        </button>
      ) : null}
      {item.status === "open" && closing ? (
        <form class="dr-form" onSubmit={form.onSubmit} aria-label="Close the request">
          <Field label="Outcome: what was done" name="outcome" required error={form.fieldError("outcome")} maxLength={2000} />
          <Field label="Reason (for the audit log)" name="reason" required error={form.fieldError("reason")} maxLength={500} />
          {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
          <div class="dr-actions">
            <SubmitButton pending={form.pending}>Close request</SubmitButton>
            <button type="button" class="btn btn-secondary" onClick={() => setClosing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
