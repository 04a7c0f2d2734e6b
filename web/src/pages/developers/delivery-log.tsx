import { useEffect, useState } from "hono/jsx/dom";
import type { WebhookDeliveryView } from "../../../../shared/webhooks";
import { webhooksApi } from "../../api/webhooks";
import { EmptyState, ErrorState, Skeleton } from "../../components/feedback";
import { errorMessage } from "../../lib/api";
import { formatDateTime, formatRelative } from "../../lib/format";
import type { Resource } from "../../lib/resource";

/** A delivery's state in words: a pending one that was already tried is waiting for its next attempt. */
function statusText(d: WebhookDeliveryView): { label: string; tone: string } {
  if (d.status === "succeeded") return { label: "Delivered", tone: "badge-success" };
  if (d.status === "failed") return { label: "Failed", tone: "badge-danger" };
  return d.attempts > 0 ? { label: "Retrying", tone: "badge-warning" } : { label: "Sending", tone: "" };
}

function DeliveryRow(props: { delivery: WebhookDeliveryView }) {
  const d = props.delivery;
  const status = statusText(d);
  const tried = d.attempts > 0;
  return (
    <tr data-testid="delivery-row">
      <td data-label="Event">
        <code class="scope-id">{d.eventType}</code>
      </td>
      <td data-label="Status">
        <span class={`badge ${status.tone}`}>{status.label}</span>
      </td>
      <td data-label="HTTP status" class="num">
        {d.lastStatusCode ?? (tried ? "No answer" : "Not yet")}
      </td>
      <td data-label="Latency" class="num">
        {d.lastLatencyMs === null ? "Not yet" : `${d.lastLatencyMs} ms`}
      </td>
      <td data-label="Attempts" class="num">
        {d.attempts}
      </td>
      <td data-label="Time">
        <time datetime={new Date(d.createdAt).toISOString()} title={formatDateTime(d.createdAt)}>
          {formatRelative(d.createdAt)}
        </time>
      </td>
      <td data-label="Response" class="delivery-response">
        {d.lastResponse === null || d.lastResponse === "" ? (
          <span class="muted">{tried ? "Empty" : "Not yet"}</span>
        ) : (
          <details>
            <summary>Show response</summary>
            <pre class="delivery-response-text">{d.lastResponse}</pre>
          </details>
        )}
      </td>
    </tr>
  );
}

/**
 * An endpoint's newest deliveries, fetched when the log is opened and again on Refresh or when
 * `reloadKey` changes (a test event was just sent).
 */
export function DeliveryLog(props: { endpointId: string; reloadKey: number }) {
  const [log, setLog] = useState<Resource<WebhookDeliveryView[]>>({ kind: "loading" });
  const [refreshing, setRefreshing] = useState(false);
  const load = async () => {
    setRefreshing(true);
    try {
      setLog({ kind: "ready", value: await webhooksApi.deliveries(props.endpointId) });
    } catch (error) {
      setLog({ kind: "error", message: errorMessage(error, "Could not load the deliveries.") });
    } finally {
      setRefreshing(false);
    }
  };
  useEffect(() => {
    void load();
  }, [props.reloadKey]);
  return (
    <div class="delivery-log">
      <div class="row delivery-log-head">
        <p class="muted delivery-log-note">The newest 50, newest first. A failed attempt is retried for about a day.</p>
        <button
          type="button"
          class="btn btn-secondary btn-small"
          onClick={() => void load()}
          disabled={refreshing}
          aria-busy={refreshing ? "true" : undefined}
        >
          {refreshing ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      {log.kind === "loading" ? <Skeleton lines={2} /> : null}
      {log.kind === "error" ? <ErrorState message={log.message} onRetry={() => void load()} /> : null}
      {log.kind === "ready" && log.value.length === 0 ? (
        <EmptyState title="No deliveries yet" text="Send a test event, or wait for a generation to end." />
      ) : null}
      {log.kind === "ready" && log.value.length > 0 ? (
        <div class="table-scroll">
          <table class="data-table delivery-table">
            <caption class="visually-hidden">Deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">
                  HTTP status
                </th>
                <th scope="col" class="num">
                  Latency
                </th>
                <th scope="col" class="num">
                  Attempts
                </th>
                <th scope="col">Time</th>
                <th scope="col">Response</th>
              </tr>
            </thead>
            <tbody>
              {log.value.map((delivery) => (
                <DeliveryRow key={delivery.id} delivery={delivery} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
