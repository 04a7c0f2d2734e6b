import { useEffect, useState } from "hono/jsx/dom";
import { type StaffAttachmentView, type StaffThreadResponse, SUPPORT_STATUSES, type SupportStatus } from "../../../../shared/support";
import { adminSupportApi } from "../../api/admin-support";
import { Notice, Skeleton } from "../../components/feedback";
import { Field, SubmitButton } from "../../components/field";
import { MessageField } from "../../features/support/message-field";
import { MessageList } from "../../features/support/messages";
import { STAFF_STATUS_LABELS } from "../../features/support/status";
import { text, useApiForm } from "../../lib/form";
import { formatBytes, formatDateTime } from "../../lib/format";
import { StaffErrorState } from "./staff-error";

const NAMES = { user: "The person", staff: "Ausar support" };

/** One thread for staff: who, the attached item, the messages, a reply, a status change with a reason. */
type Loaded = { kind: "loading" } | { kind: "error"; error: unknown } | { kind: "ready"; value: StaffThreadResponse };

export default function SupportThread(props: { id: string }) {
  const [state, setState] = useState<Loaded>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setState({ kind: "loading" });
    adminSupportApi.thread(props.id).then(
      (value) => setState({ kind: "ready", value }),
      (error: unknown) => setState({ kind: "error", error }),
    );
  }, [props.id, attempt]);
  const update = (change: (v: StaffThreadResponse) => StaffThreadResponse) =>
    setState((s) => (s.kind === "ready" ? { kind: "ready", value: change(s.value) } : s));

  if (state.kind === "loading") return <Skeleton lines={6} />;
  if (state.kind === "error") {
    return (
      <>
        <BackLink />
        <StaffErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} />
      </>
    );
  }
  const view = state.value;
  const t = view.thread;
  return (
    <section class="admin-support-thread" aria-labelledby="support-thread-title">
      <BackLink />
      <h2 id="support-thread-title" class="admin-section-title">
        {t.subject}
      </h2>
      <dl class="dr-facts">
        <dt>Person</dt>
        <dd>
          <a href={`/admin/users/${t.userId}`}>{t.userEmail ?? t.userId}</a>
        </dd>
        <dt>Status</dt>
        <dd>
          <span class={`badge status-${t.status}`} data-testid="staff-thread-status">
            {STAFF_STATUS_LABELS[t.status]}
          </span>
          {t.closedAt ? <span class="muted"> since {formatDateTime(t.closedAt)}</span> : null}
        </dd>
        <dt>Opened</dt>
        <dd>{formatDateTime(t.createdAt)}</dd>
      </dl>
      {view.attachment ? <Attachment threadId={t.id} attachment={view.attachment} /> : null}
      <MessageList messages={view.messages} names={NAMES} />
      <StaffReply
        id={t.id}
        onSent={(message) =>
          update((v) => ({
            ...v,
            thread: { ...v.thread, status: "waiting", closedAt: null, updatedAt: message.createdAt },
            messages: [...v.messages, message],
          }))
        }
      />
      <StatusForm
        id={t.id}
        current={t.status}
        onChanged={(next) => update((v) => ({ ...v, thread: { ...v.thread, status: next.status, closedAt: next.closedAt } }))}
      />
    </section>
  );
}

function BackLink() {
  return (
    <p>
      <a href="/admin/support">← Support queue</a>
    </p>
  );
}

/** The attached item: a job's recipe, or the picture or video itself through the audited attachment route. */
function Attachment(props: { threadId: string; attachment: StaffAttachmentView }) {
  const a = props.attachment;
  return (
    <div class="card support-attachment" data-testid="support-attachment">
      <p class="card-title">Attached {a.kind === "job" ? "generation" : "gallery item"}</p>
      {"missing" in a ? (
        <p class="muted">The person has deleted it since ({a.id}).</p>
      ) : a.kind === "job" ? (
        <dl class="dr-facts">
          <dt>Job</dt>
          <dd class="mono">{a.id}</dd>
          <dt>Model</dt>
          <dd>
            {a.model} ({a.jobKind}), {a.status}
          </dd>
          <dt>Prompt</dt>
          <dd>{a.prompt}</dd>
          <dt>Created</dt>
          <dd>{formatDateTime(a.createdAt)}</dd>
        </dl>
      ) : (
        <>
          <p class="muted">
            {a.mediaKind} · {a.contentType} · {formatBytes(a.bytes)}
            {a.width && a.height ? ` · ${a.width}×${a.height}` : ""} · {formatDateTime(a.createdAt)}
          </p>
          {a.contentType.startsWith("video/") ? (
            <video class="support-attachment-media" src={adminSupportApi.attachmentUrl(props.threadId)} controls preload="metadata" />
          ) : (
            <img class="support-attachment-media" src={adminSupportApi.attachmentUrl(props.threadId)} alt="What the person attached" />
          )}
        </>
      )}
    </div>
  );
}

function StaffReply(props: { id: string; onSent: (message: StaffThreadResponse["messages"][number]) => void }) {
  const [sent, setSent] = useState(0);
  const form = useApiForm((data) => adminSupportApi.reply(props.id, text(data, "message")), {
    fields: ["message"],
    onSuccess: (message) => {
      setSent((n) => n + 1);
      props.onSent(message);
    },
  });
  return (
    <form class="card form" onSubmit={form.onSubmit} noValidate aria-label="Reply to the person">
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      {sent > 0 ? <Notice tone="success">Sent. The person was emailed the subject and a link.</Notice> : null}
      <MessageField key={`staff-reply-${sent}`} label="Your answer" rows={4} error={form.fieldError("message")} />
      <div class="form-footer">
        <span class="muted">The person gets an email with the subject and a link, never this text.</span>
        <SubmitButton pending={form.pending} pendingLabel="Sending…">
          Send reply
        </SubmitButton>
      </div>
    </form>
  );
}

function StatusForm(props: {
  id: string;
  current: SupportStatus;
  onChanged: (next: { status: SupportStatus; closedAt: number | null }) => void;
}) {
  const choices = SUPPORT_STATUSES.filter((s) => s !== props.current);
  const form = useApiForm((data) => adminSupportApi.setStatus(props.id, text(data, "status") as SupportStatus, text(data, "reason")), {
    fields: ["status", "reason"],
    onSuccess: props.onChanged,
  });
  return (
    <form class="card form" key={props.current} onSubmit={form.onSubmit} noValidate aria-label="Change the status">
      <p class="card-title">Change the status</p>
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <label class="field-label">
        New status
        <select class="input" name="status">
          {choices.map((s) => (
            <option key={s} value={s}>
              {STAFF_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <Field label="Reason (for the audit log)" name="reason" required maxLength={500} error={form.fieldError("reason")} />
      <div class="form-footer">
        <span />
        <SubmitButton pending={form.pending}>Change status</SubmitButton>
      </div>
    </form>
  );
}
