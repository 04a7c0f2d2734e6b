import { useEffect, useState } from "hono/jsx/dom";
import { SUPPORT_RETENTION_MONTHS, type SupportThreadResponse } from "../../../../shared/support";
import { supportApi } from "../../api/support";
import { ErrorState, Notice, PageHeader, Skeleton } from "../../components/feedback";
import { SubmitButton } from "../../components/field";
import { MessageField } from "../../features/support/message-field";
import { MessageList } from "../../features/support/messages";
import { USER_STATUS_LABELS } from "../../features/support/status";
import { refreshUnread } from "../../features/support/unread";
import { text, useApiForm } from "../../lib/form";
import { formatDate } from "../../lib/format";
import { useResource } from "../../lib/resource";
import type { PageProps } from "../../router/routes";
import { SupportFootnote } from "./retention";
import "../../features/support/support.css";
import "./support.css";

const NAMES = { user: "You", staff: "Ausar support" };

/** `/support/:id`: one request, its messages (reading them clears the unread mark), and a reply box. */
export default function SupportThreadPage(props: PageProps) {
  const id = props.params.id ?? "";
  const [thread, reload, set] = useResource(() => supportApi.thread(id));
  const loaded = thread.kind === "ready";
  useEffect(() => {
    // Reading the thread marked its replies read on the server: the badge follows.
    if (loaded) void refreshUnread(true);
  }, [loaded]);

  if (thread.kind === "loading") {
    return (
      <div class="page page-narrow support-page">
        <Skeleton lines={6} />
      </div>
    );
  }
  if (thread.kind === "error") {
    return (
      <div class="page page-narrow support-page">
        <a class="thread-back" href="/support">
          ← All requests
        </a>
        <ErrorState message={thread.message} onRetry={() => void reload()} />
      </div>
    );
  }
  const { thread: t, messages } = thread.value;
  return (
    <div class="page page-narrow support-page">
      <a class="thread-back" href="/support">
        ← All requests
      </a>
      <PageHeader
        title={t.subject}
        description={
          <span class="thread-facts">
            <span class={`badge status-${t.status}`} data-testid="thread-status">
              {USER_STATUS_LABELS[t.status]}
            </span>
            <span>Opened {formatDate(t.createdAt)}</span>
            {t.attachment ? <Attached attachment={t.attachment} /> : null}
          </span>
        }
      />
      <MessageList messages={messages} names={NAMES} />
      {t.status === "closed" && t.closedAt ? (
        <Notice tone="info" title={`Closed on ${formatDate(t.closedAt)}`}>
          Writing again reopens it. Otherwise it is deleted {SUPPORT_RETENTION_MONTHS} months after it closed.
        </Notice>
      ) : null}
      <ReplyForm
        id={t.id}
        onSent={(message) =>
          // The server reopens an answered or closed request when the person writes.
          set((v: SupportThreadResponse) => ({
            thread: { ...v.thread, status: "open", closedAt: null, updatedAt: message.createdAt },
            messages: [...v.messages, message],
          }))
        }
      />
      <SupportFootnote />
    </div>
  );
}

function Attached(props: { attachment: NonNullable<SupportThreadResponse["thread"]["attachment"]> }) {
  const { kind, id } = props.attachment;
  if (kind === "job") {
    return (
      <span>
        Attached: <a href={`/history?job=${encodeURIComponent(id)}`}>a generation</a>
      </span>
    );
  }
  return (
    <span>
      Attached: a gallery item <span class="mono">{id.slice(0, 8)}…</span>
    </span>
  );
}

function ReplyForm(props: { id: string; onSent: (message: SupportThreadResponse["messages"][number]) => void }) {
  const [sent, setSent] = useState(0);
  const form = useApiForm((data) => supportApi.reply(props.id, text(data, "message")), {
    fields: ["message"],
    onSuccess: (message) => {
      setSent((n) => n + 1);
      props.onSent(message);
    },
  });
  return (
    <form class="card form" onSubmit={form.onSubmit} noValidate aria-label="Reply">
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <MessageField key={`reply-${sent}`} label="Your reply" rows={4} error={form.fieldError("message")} />
      <div class="form-footer">
        <span />
        <SubmitButton pending={form.pending} pendingLabel="Sending…">
          Send reply
        </SubmitButton>
      </div>
    </form>
  );
}
