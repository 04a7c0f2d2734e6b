import type { SupportMessageView } from "../../../../shared/support";
import { formatDateTime, formatRelative } from "../../lib/format";
import "./support.css";

/**
 * A thread's messages, oldest first: the person's on one side, Ausar support's on the other, each
 * with who wrote it and when. `names` says how each side is called for the reader.
 */
export function MessageList(props: { messages: SupportMessageView[]; names: { user: string; staff: string }; now?: number }) {
  const now = props.now ?? Date.now();
  return (
    <ol class="message-list" aria-label="Messages, oldest first">
      {props.messages.map((m) => (
        <li key={m.id} class={`message message-${m.from}`} data-testid="support-message" data-from={m.from}>
          <p class="message-meta">
            <strong>{m.from === "staff" ? props.names.staff : props.names.user}</strong>
            <time dateTime={new Date(m.createdAt).toISOString()} title={formatDateTime(m.createdAt)}>
              {formatRelative(m.createdAt, now)}
            </time>
          </p>
          <p class="message-body">{m.body}</p>
        </li>
      ))}
    </ol>
  );
}
