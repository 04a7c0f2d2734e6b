import { useEffect, useRef } from "hono/jsx/dom";
import type { WebhookEventType } from "../../../../shared/developer-limits";
import { WEBHOOK_ENDPOINTS_MAX, WEBHOOK_EVENTS } from "../../../../shared/developer-limits";
import type { CreateWebhookBody } from "../../../../shared/webhooks";
import { webhooksApi } from "../../api/webhooks";
import { Notice } from "../../components/feedback";
import { Field, FieldError, SubmitButton } from "../../components/field";
import { text, useApiForm } from "../../lib/form";
import { EVENT_TEXT } from "./event-text";

type Created = Awaited<ReturnType<typeof webhooksApi.create>>;

const isEvent = (value: unknown): value is WebhookEventType => WEBHOOK_EVENTS.includes(value as WebhookEventType);

function body(data: FormData): CreateWebhookBody {
  return { url: text(data, "url").trim(), events: data.getAll("events").filter(isEvent) };
}

/** One checkbox per event, each with what it announces; the API's complaint about them sits under the group. */
function EventChoices(props: { error: string | undefined }) {
  return (
    <fieldset class={`field scope-choices${props.error ? " field-invalid" : ""}`}>
      <legend class="field-label">Events</legend>
      {WEBHOOK_EVENTS.map((event) => (
        <div key={event} class="check">
          <input
            id={`event-${event}`}
            type="checkbox"
            name="events"
            value={event}
            aria-invalid={props.error ? "true" : undefined}
            aria-describedby={`event-${event}-text${props.error ? " events-error" : ""}`}
          />
          <label for={`event-${event}`}>
            <span class="scope-label">{EVENT_TEXT[event].label}</span> <code class="scope-id">{event}</code>
          </label>
          <p class="scope-text" id={`event-${event}-text`}>
            {EVENT_TEXT[event].explanation}
          </p>
        </div>
      ))}
      <FieldError id="events-error" error={props.error} />
    </fieldset>
  );
}

/** Adding an endpoint: its https address and the events it hears. The address has focus when the form comes back. */
export function EndpointForm(props: { endpointCount: number | null; focusOnShow: boolean; onCreated: (created: Created) => void }) {
  const form = useApiForm(async (data) => webhooksApi.create(body(data)), { fields: ["url", "events"], onSuccess: props.onCreated });
  const root = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (props.focusOnShow) root.current?.querySelector<HTMLInputElement>('input[name="url"]')?.focus();
  }, []);
  const atLimit = props.endpointCount !== null && props.endpointCount >= WEBHOOK_ENDPOINTS_MAX;
  return (
    <form ref={root} class="form key-form" noValidate onSubmit={form.onSubmit} aria-labelledby="new-endpoint-title">
      <h3 id="new-endpoint-title" class="key-form-title">
        New endpoint
      </h3>
      {atLimit ? (
        <Notice tone="info" title={`You have ${WEBHOOK_ENDPOINTS_MAX} endpoints, the most an account can hold.`}>
          Remove one you no longer use before adding another.
        </Notice>
      ) : null}
      {form.formError ? <Notice tone="error" title={form.formError} /> : null}
      <Field
        label="Endpoint URL"
        name="url"
        type="url"
        required
        autocomplete="off"
        placeholder="https://example.com/ausar-events"
        hint="A public https address on the standard port, without a user name or password in it. Redirects are not followed."
        error={form.fieldError("url")}
      />
      <EventChoices error={form.fieldError("events")} />
      <div class="form-footer">
        <SubmitButton pending={form.pending} pendingLabel="Adding…">
          Add endpoint
        </SubmitButton>
      </div>
    </form>
  );
}
