import { useEffect } from "hono/jsx/dom";
import type { SupportThreadSummary } from "../../../../shared/support";
import { supportApi } from "../../api/support";
import { EmptyState, ErrorState, PageHeader, Skeleton } from "../../components/feedback";
import { ChatIcon } from "../../components/icons";
import { USER_STATUS_LABELS } from "../../features/support/status";
import { setUnreadCount } from "../../features/support/unread";
import { formatDateTime, formatRelative } from "../../lib/format";
import { useResource } from "../../lib/resource";
import { navigate } from "../../router/history";
import type { PageProps } from "../../router/routes";
import { NewRequest } from "./new-request";
import { SupportFootnote } from "./retention";
import "../../features/support/support.css";
import "./support.css";

/** `/support`: the person's requests to Ausar support, newest activity first, and `?new=1` opens a new one. */
export default function SupportPage(props: PageProps) {
  const [list, reload] = useResource(supportApi.list);
  const composing = props.query.get("new") === "1";
  const unreadCount = list.kind === "ready" ? list.value.unreadCount : null;
  // The list answers with the count too; the badge follows it without a second request.
  useEffect(() => {
    if (unreadCount !== null) setUnreadCount(unreadCount);
  }, [unreadCount]);
  return (
    <div class="page page-narrow support-page">
      <PageHeader
        title="Support"
        description="Ask the Ausar team about your account, a payment or a generation. We answer here and email you a link when we do."
        actions={
          composing ? null : (
            <a class="btn btn-primary" href="/support?new=1">
              New request
            </a>
          )
        }
      />
      {composing ? (
        <NewRequest onCreated={(thread) => navigate(`/support/${thread.id}`)} onCancel={() => navigate("/support", { replace: true })} />
      ) : null}
      {list.kind === "loading" ? <Skeleton lines={4} /> : null}
      {list.kind === "error" ? <ErrorState message={list.message} onRetry={() => void reload()} /> : null}
      {list.kind === "ready" && list.value.threads.length === 0 && !composing ? (
        <EmptyState
          icon={<ChatIcon size={28} />}
          title="No requests yet"
          text="Something not working, or a question about a payment? Write to us."
          action={{ label: "New request", href: "/support?new=1" }}
        />
      ) : null}
      {list.kind === "ready" && list.value.threads.length > 0 ? <ThreadList threads={list.value.threads} /> : null}
      <SupportFootnote />
    </div>
  );
}

function ThreadList(props: { threads: SupportThreadSummary[] }) {
  const now = Date.now();
  return (
    <section aria-labelledby="support-threads-title">
      <h2 id="support-threads-title" class="support-heading">
        Your requests
      </h2>
      <ul class="thread-list" data-testid="support-threads">
        {props.threads.map((t) => (
          <li key={t.id}>
            <a class={`thread-link${t.unread ? " thread-unread" : ""}`} href={`/support/${t.id}`} data-testid="support-thread">
              <span class="thread-subject">
                {t.unread ? <span class="unread-dot" aria-hidden="true" /> : null}
                {t.subject}
                {t.unread ? <span class="visually-hidden">, new reply</span> : null}
              </span>
              <span class={`badge status-${t.status}`}>{USER_STATUS_LABELS[t.status]}</span>
              <span class="thread-meta">
                {t.unread ? <span class="thread-new">New reply</span> : null}
                <span>
                  Last activity{" "}
                  <time dateTime={new Date(t.updatedAt).toISOString()} title={formatDateTime(t.updatedAt)}>
                    {formatRelative(t.updatedAt, now)}
                  </time>
                </span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
