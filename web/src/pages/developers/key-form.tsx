import { useEffect, useRef } from "hono/jsx/dom";
import type { ApiKeyScope } from "../../../../shared/developer-limits";
import { API_KEY_NAME_MAX, API_KEY_SCOPES, API_KEYS_MAX } from "../../../../shared/developer-limits";
import type { CreateApiKeyBody, CreatedApiKeyResponse } from "../../../../shared/developers";
import { developersApi } from "../../api/developers";
import { Notice } from "../../components/feedback";
import { Field, FieldError, SubmitButton } from "../../components/field";
import { ApiError } from "../../lib/api";
import { text, useApiForm } from "../../lib/form";
import { SCOPE_TEXT } from "./scope-text";

const isScope = (value: unknown): value is ApiKeyScope => API_KEY_SCOPES.includes(value as ApiKeyScope);

/**
 * The cap as typed: empty is no cap. Anything that is no number at all is refused here, since JSON
 * would turn it into `null` and the key would silently get no cap; the API judges every number.
 */
function monthlyCap(data: FormData): number | null {
  const typed = text(data, "monthlyCreditCap").trim();
  if (typed === "") return null;
  const cap = Number(typed);
  if (Number.isFinite(cap)) return cap;
  const message = "Write the cap as a number of credits, or leave it empty for no cap.";
  throw new ApiError(400, "validation_failed", message, [{ path: "monthlyCreditCap", message }]);
}

function body(data: FormData): CreateApiKeyBody {
  return { name: text(data, "name"), scopes: data.getAll("scopes").filter(isScope), monthlyCreditCap: monthlyCap(data) };
}

/** One checkbox per permission, each with what it allows; the API's complaint about them sits under the group. */
function ScopeChoices(props: { error: string | undefined }) {
  return (
    <fieldset class={`field scope-choices${props.error ? " field-invalid" : ""}`}>
      <legend class="field-label">Permissions</legend>
      {API_KEY_SCOPES.map((scope) => (
        <div key={scope} class="check">
          <input
            id={`scope-${scope}`}
            type="checkbox"
            name="scopes"
            value={scope}
            aria-invalid={props.error ? "true" : undefined}
            aria-describedby={`scope-${scope}-text${props.error ? " scopes-error" : ""}`}
          />
          <label for={`scope-${scope}`}>
            <span class="scope-label">{SCOPE_TEXT[scope].label}</span> <code class="scope-id">{scope}</code>
          </label>
          <p class="scope-text" id={`scope-${scope}-text`}>
            {SCOPE_TEXT[scope].explanation}
          </p>
        </div>
      ))}
      <FieldError id="scopes-error" error={props.error} />
    </fieldset>
  );
}

/** Creating a key: name, permissions, an optional monthly cap. The name field has focus when the form comes back. */
export function KeyForm(props: { keyCount: number | null; focusOnShow: boolean; onCreated: (created: CreatedApiKeyResponse) => void }) {
  const form = useApiForm(async (data) => developersApi.createKey(body(data)), {
    fields: ["name", "scopes", "monthlyCreditCap"],
    onSuccess: props.onCreated,
  });
  const root = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (props.focusOnShow) root.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
  }, []);
  const atLimit = props.keyCount !== null && props.keyCount >= API_KEYS_MAX;
  return (
    <form ref={root} class="form key-form" noValidate onSubmit={form.onSubmit} aria-labelledby="new-key-title">
      <h3 id="new-key-title" class="key-form-title">
        New key
      </h3>
      {atLimit ? (
        <Notice tone="info" title={`You have ${API_KEYS_MAX} keys, the most an account can hold.`}>
          Revoke a key you no longer use before making another.
        </Notice>
      ) : null}
      {form.formError ? <Notice tone="error" title={form.formError} /> : null}
      <Field
        label="Name"
        name="name"
        required
        maxLength={API_KEY_NAME_MAX}
        autocomplete="off"
        hint="Something that tells you where the key is used, such as “Render server”."
        error={form.fieldError("name")}
      />
      <ScopeChoices error={form.fieldError("scopes")} />
      <Field
        label="Monthly credit cap (optional)"
        name="monthlyCreditCap"
        inputMode="numeric"
        autocomplete="off"
        hint="The most this key may spend in a calendar month (UTC). Leave it empty to let it spend up to your balance."
        error={form.fieldError("monthlyCreditCap")}
      />
      <div class="form-footer">
        <SubmitButton pending={form.pending} pendingLabel="Creating…">
          Create key
        </SubmitButton>
      </div>
    </form>
  );
}
