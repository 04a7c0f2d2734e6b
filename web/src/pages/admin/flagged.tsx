import { useEffect, useState } from "hono/jsx/dom";
import type { FlaggedAccount } from "../../../../shared/admin-ops";
import { answer, client } from "../../api/client";
import { EmptyState, Notice, Skeleton } from "../../components/feedback";
import { Field, SubmitButton } from "../../components/field";
import { text, useApiForm } from "../../lib/form";
import { formatCredits, formatDateTime } from "../../lib/format";
import type { AdminSectionProps } from "./sections";
import { StaffErrorState } from "./staff-error";
import "./audit.css";

type Loaded = { kind: "loading" } | { kind: "error"; error: unknown } | { kind: "ready"; items: FlaggedAccount[] };

/** Flagged: accounts under review (flagged, or owing credits after a clawback); "Clear flag" ends a review and writes off the debt. */
export default function FlaggedSection(_props: AdminSectionProps) {
  const [state, setState] = useState<Loaded>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ kind: "loading" });
    answer(client.api.admin.flagged.$get()).then(
      (page) => current && setState({ kind: "ready", items: page.items }),
      (error: unknown) => current && setState({ kind: "error", error }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);
  const reload = () => setAttempt((n) => n + 1);
  return (
    <section class="admin-flagged" aria-labelledby="admin-flagged-title">
      <h2 id="admin-flagged-title" class="admin-section-title">
        Flagged accounts
      </h2>
      <p class="muted">
        A flagged account or one in debt cannot start generations. Clearing the flag lifts it and writes off any open debt (one ledger row
        the person sees).
      </p>
      {state.kind === "loading" ? <Skeleton lines={4} /> : null}
      {state.kind === "error" ? <StaffErrorState error={state.error} onRetry={reload} /> : null}
      {state.kind === "ready" && state.items.length === 0 ? (
        <EmptyState title="Nobody is flagged" text="No account is under review." />
      ) : null}
      {state.kind === "ready" && state.items.length > 0 ? (
        <ul class="dr-list">
          {state.items.map((item) => (
            <FlaggedCard key={item.userId} item={item} onCleared={reload} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function FlaggedCard(props: { item: FlaggedAccount; onCleared: () => void }) {
  const { item } = props;
  const [open, setOpen] = useState(false);
  const form = useApiForm(
    (data) =>
      answer(client.api.admin.users[":id"]["clear-flag"].$post({ param: { id: item.userId }, json: { reason: text(data, "reason") } })),
    { fields: ["reason"], onSuccess: () => props.onCleared() },
  );
  return (
    <li class="card dr-item" data-testid="flagged-account">
      <div class="dr-head">
        <a href={`/admin/users/${item.userId}`}>
          <strong>{item.name}</strong> <span class="muted">{item.email}</span>
        </a>
        {item.flaggedAt ? <span class="badge badge-warning">flagged</span> : null}
        {item.debt > 0 ? <span class="badge badge-danger">owes {formatCredits(item.debt)}</span> : null}
      </div>
      <dl class="dr-facts">
        {item.flaggedAt ? (
          <>
            <dt>Flagged</dt>
            <dd>{formatDateTime(item.flaggedAt)}</dd>
          </>
        ) : null}
        {item.flagReason ? (
          <>
            <dt>Why</dt>
            <dd>{item.flagReason}</dd>
          </>
        ) : null}
        <dt>Spendable</dt>
        <dd>{formatCredits(item.available)}</dd>
      </dl>
      {open ? (
        <form class="dr-form" onSubmit={form.onSubmit} aria-label={`Clear the flag of ${item.email}`}>
          <Field
            label="Reason (for the audit log and the person's ledger)"
            name="reason"
            required
            error={form.fieldError("reason")}
            maxLength={500}
          />
          {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
          <div class="dr-actions">
            <SubmitButton pending={form.pending}>Clear flag</SubmitButton>
            <button type="button" class="btn btn-secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" class="btn btn-secondary" onClick={() => setOpen(true)}>
          Clear flag…
        </button>
      )}
    </li>
  );
}
