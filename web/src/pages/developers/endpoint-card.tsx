import { useRef, useState } from "hono/jsx/dom";
import type { WebhookEndpointView } from "../../../../shared/webhooks";
import { webhooksApi } from "../../api/webhooks";
import { errorMessage } from "../../lib/api";
import { formatDate, formatDateTime } from "../../lib/format";
import { DeliveryLog } from "./delivery-log";
import { NewSecret } from "./new-secret";

export interface EndpointCardProps {
  endpoint: WebhookEndpointView;
  /** The secret a rotation just answered, shown until the person says it is saved. */
  rotatedSecret: string | null;
  rotating: boolean;
  onRotate: (endpoint: WebhookEndpointView) => void;
  onSecretSaved: (endpoint: WebhookEndpointView) => void;
  onRemove: (endpoint: WebhookEndpointView) => void;
  onChange: (endpoint: WebhookEndpointView) => void;
}

/** "Turn back on" and "Send test event": a note on how it went, read out, under the actions. */
function useAction(run: () => Promise<string>) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ tone: "muted" | "field-error"; text: string } | null>(null);
  const start = async () => {
    setBusy(true);
    setNote(null);
    try {
      setNote({ tone: "muted", text: await run() });
    } catch (error) {
      setNote({ tone: "field-error", text: errorMessage(error, "That did not work. Please try again.") });
    } finally {
      setBusy(false);
    }
  };
  return { busy, note, start };
}

function EndpointStatus(props: { endpoint: WebhookEndpointView }) {
  const e = props.endpoint;
  return (
    <p class="endpoint-meta">
      <span class={`badge ${e.enabled ? "badge-success" : "badge-danger"}`} data-testid="endpoint-status">
        {e.enabled ? "On" : "Off"}
      </span>
      {e.enabled || e.disabledAt === null ? null : (
        <span>
          Turned off <time datetime={new Date(e.disabledAt).toISOString()}>{formatDateTime(e.disabledAt)}</time> after a day of failed
          deliveries. Fix the receiver, then turn it back on.
        </span>
      )}
      <span class="muted">
        Added <time datetime={new Date(e.createdAt).toISOString()}>{formatDate(e.createdAt)}</time>
      </span>
    </p>
  );
}

/** One endpoint: its state, events, actions, a freshly rotated secret and its delivery log behind a disclosure. */
export function EndpointCard(props: EndpointCardProps) {
  const e = props.endpoint;
  const [logOpen, setLogOpen] = useState(false);
  const [tests, setTests] = useState(0);
  const title = useRef<HTMLHeadingElement>(null);
  const test = useAction(async () => {
    await webhooksApi.sendTest(e.id);
    setTests((n) => n + 1);
    return "Test event queued. It shows in the deliveries within a few seconds.";
  });
  const enable = useAction(async () => {
    props.onChange(await webhooksApi.enable(e.id));
    // The button is gone with the Off state; the endpoint's name is where the person was.
    requestAnimationFrame(() => title.current?.focus());
    return "Turned back on. New events are delivered again.";
  });
  const logId = `deliveries-${e.id}`;
  return (
    <li class="endpoint" data-testid="webhook-endpoint">
      <h4 ref={title} class="endpoint-url" tabindex={-1}>
        {e.url}
      </h4>
      <EndpointStatus endpoint={e} />
      <p class="key-scopes">
        <span class="visually-hidden">Events: </span>
        {e.events.map((event) => (
          <span key={event} class="badge">
            {event}
          </span>
        ))}
      </p>
      {e.previousSecretUntil !== null && props.rotatedSecret === null ? (
        <p class="muted endpoint-overlap">
          The secret before the last rotation also signs deliveries until {formatDateTime(e.previousSecretUntil)}.
        </p>
      ) : null}
      {props.rotatedSecret !== null ? (
        <NewSecret
          title="New signing secret"
          label={`New secret of ${e.url}`}
          secret={props.rotatedSecret}
          onDone={() => props.onSecretSaved(e)}
        >
          Copy it now; it will not be shown again. The old secret keeps signing beside it until{" "}
          {e.previousSecretUntil === null ? "the overlap ends" : formatDateTime(e.previousSecretUntil)}, so update your receiver before
          then.
        </NewSecret>
      ) : null}
      <div class="row endpoint-actions">
        {e.enabled ? (
          <button
            type="button"
            class="btn btn-secondary btn-small"
            onClick={() => void test.start()}
            disabled={test.busy}
            aria-busy={test.busy ? "true" : undefined}
          >
            {test.busy ? "Sending…" : "Send test event"}
          </button>
        ) : (
          <button
            type="button"
            class="btn btn-primary btn-small"
            onClick={() => void enable.start()}
            disabled={enable.busy}
            aria-busy={enable.busy ? "true" : undefined}
          >
            {enable.busy ? "Turning on…" : "Turn back on"}
          </button>
        )}
        <button
          type="button"
          class="btn btn-secondary btn-small"
          data-rotate={e.id}
          onClick={() => props.onRotate(e)}
          disabled={props.rotating}
          aria-busy={props.rotating ? "true" : undefined}
        >
          {props.rotating ? "Rotating…" : "Rotate secret"}
        </button>
        <button type="button" class="btn btn-ghost btn-small" onClick={() => props.onRemove(e)} aria-label={`Remove ${e.url}`}>
          Remove
        </button>
        <button
          type="button"
          class="btn btn-ghost btn-small endpoint-log-toggle"
          aria-expanded={logOpen ? "true" : "false"}
          aria-controls={logId}
          onClick={() => setLogOpen((open) => !open)}
        >
          Deliveries
        </button>
      </div>
      <p class={`endpoint-note ${(test.note ?? enable.note)?.tone ?? ""}`} role="status">
        {(test.note ?? enable.note)?.text ?? ""}
      </p>
      <div id={logId} hidden={!logOpen}>
        {logOpen ? <DeliveryLog endpointId={e.id} reloadKey={tests} /> : null}
      </div>
    </li>
  );
}
