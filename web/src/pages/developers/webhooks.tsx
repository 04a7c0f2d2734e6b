import { useRef, useState } from "hono/jsx/dom";
import { WEBHOOK_ENDPOINTS_MAX } from "../../../../shared/developer-limits";
import type { WebhookEndpointView } from "../../../../shared/webhooks";
import { webhooksApi } from "../../api/webhooks";
import { EmptyState, ErrorState, Skeleton } from "../../components/feedback";
import { errorMessage } from "../../lib/api";
import { useResource } from "../../lib/resource";
import { toast } from "../../lib/toasts";
import { ConfirmDialog } from "../gallery/confirm-dialog";
import { EndpointCard } from "./endpoint-card";
import { EndpointForm } from "./endpoint-form";
import { NewSecret } from "./new-secret";

type Asking = { kind: "remove" | "rotate"; endpoint: WebhookEndpointView };

const replace = (list: WebhookEndpointView[], next: WebhookEndpointView) => list.map((e) => (e.id === next.id ? next : e));

/**
 * Account → Developers → Webhooks: the form (or, right after adding, the signing secret shown once),
 * the endpoints with their actions and logs, and the two questions asked first: removing one, and
 * rotating again while an earlier rotation's overlap still runs (that cuts the older secret off).
 */
export function WebhooksSection() {
  const [endpoints, reload, setEndpoints] = useResource(() => webhooksApi.endpoints());
  const [created, setCreated] = useState<{ endpoint: WebhookEndpointView; secret: string } | null>(null);
  const [returned, setReturned] = useState(false);
  const [rotated, setRotated] = useState<Record<string, string>>({});
  const [rotating, setRotating] = useState<string | null>(null);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [busy, setBusy] = useState(false);
  const [askError, setAskError] = useState<string | null>(null);
  const listTitle = useRef<HTMLHeadingElement>(null);

  const closeDialog = () => {
    setAsking(null);
    setAskError(null);
  };
  const rotate = async (endpoint: WebhookEndpointView) => {
    setRotating(endpoint.id);
    try {
      const result = await webhooksApi.rotateSecret(endpoint.id);
      setEndpoints((list) => replace(list, result.endpoint));
      setRotated((shown) => ({ ...shown, [endpoint.id]: result.secret }));
      return true;
    } catch (error) {
      toast({ tone: "error", title: "The secret was not rotated", body: errorMessage(error, "Please try again.") });
      return false;
    } finally {
      setRotating(null);
    }
  };
  const onRotate = (endpoint: WebhookEndpointView) => {
    if (endpoint.previousSecretUntil !== null) setAsking({ kind: "rotate", endpoint });
    else void rotate(endpoint);
  };
  const onSecretSaved = (endpoint: WebhookEndpointView) => {
    setRotated(({ [endpoint.id]: _, ...rest }) => rest);
    requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`[data-rotate="${endpoint.id}"]`)?.focus());
  };
  const confirm = async () => {
    if (!asking) return;
    const { kind, endpoint } = asking;
    if (kind === "rotate") {
      closeDialog();
      await rotate(endpoint);
      return;
    }
    setBusy(true);
    try {
      await webhooksApi.remove(endpoint.id);
      setEndpoints((list) => list.filter((e) => e.id !== endpoint.id));
      toast({ tone: "success", title: "Endpoint removed", body: `${endpoint.url} gets no more events.` });
      closeDialog();
      // The card and its Remove button are gone; the list's heading is where the person was.
      requestAnimationFrame(() => listTitle.current?.focus());
    } catch (error) {
      setAskError(errorMessage(error, "Could not remove the endpoint. Please try again."));
    } finally {
      setBusy(false);
    }
  };

  const count = endpoints.kind === "ready" ? endpoints.value.length : null;
  return (
    <section class="card account-section" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title" class="card-title">
        Webhooks
      </h2>
      <p class="card-text">
        Ausar posts an event to your server when one of your generations succeeds, fails or is canceled, and retries for about a day; an
        endpoint that keeps failing is turned off and you get an email. An account holds up to {WEBHOOK_ENDPOINTS_MAX} endpoints.
      </p>
      <p class="card-text">
        Each delivery is signed the Standard Webhooks way (headers <code>webhook-id</code>, <code>webhook-timestamp</code>,{" "}
        <code>webhook-signature</code>) with the endpoint's own secret: <a href="/docs/api">how to verify it</a>.
      </p>
      {created ? (
        <NewSecret
          title={`${created.endpoint.url} is added`}
          label={`Signing secret of ${created.endpoint.url}`}
          secret={created.secret}
          onDone={() => {
            setCreated(null);
            setReturned(true);
          }}
        >
          Copy this secret now and give it to your receiver. It will not be shown again; if you lose it, rotate the secret.
        </NewSecret>
      ) : (
        <EndpointForm
          endpointCount={count}
          focusOnShow={returned}
          onCreated={(result) => {
            setEndpoints((list) => [result.endpoint, ...list]);
            setCreated(result);
          }}
        />
      )}
      <h3 ref={listTitle} id="webhook-list-title" class="key-list-title" tabindex={-1}>
        Your endpoints <span class="muted">{count !== null ? `· ${count} of ${WEBHOOK_ENDPOINTS_MAX}` : ""}</span>
      </h3>
      {endpoints.kind === "loading" ? <Skeleton lines={3} /> : null}
      {endpoints.kind === "error" ? <ErrorState message={endpoints.message} onRetry={() => void reload()} /> : null}
      {endpoints.kind === "ready" && endpoints.value.length === 0 ? (
        <EmptyState title="No endpoints yet" text="Add one above to hear about your generations as they end; its secret is shown once." />
      ) : null}
      {endpoints.kind === "ready" && endpoints.value.length > 0 ? (
        <ul class="endpoint-list" aria-labelledby="webhook-list-title">
          {endpoints.value.map((endpoint) => (
            <EndpointCard
              key={endpoint.id}
              endpoint={endpoint}
              rotatedSecret={rotated[endpoint.id] ?? null}
              rotating={rotating === endpoint.id}
              onRotate={onRotate}
              onSecretSaved={onSecretSaved}
              onRemove={(e) => setAsking({ kind: "remove", endpoint: e })}
              onChange={(next) => setEndpoints((list) => replace(list, next))}
            />
          ))}
        </ul>
      ) : null}
      {asking ? (
        <ConfirmDialog
          title={asking.kind === "remove" ? `Remove ${asking.endpoint.url}?` : "Rotate the secret again?"}
          text={
            asking.kind === "remove"
              ? "It gets no more events, and its delivery log goes with it. This cannot be undone."
              : "The secret before the last rotation stops signing at once; only the current one keeps signing beside the new one for 24 hours."
          }
          confirmLabel={asking.kind === "remove" ? "Remove endpoint" : "Rotate secret"}
          busy={busy}
          error={askError}
          onConfirm={() => void confirm()}
          onCancel={closeDialog}
        />
      ) : null}
    </section>
  );
}
