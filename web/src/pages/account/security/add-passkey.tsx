import type { PasskeyView } from "../../../../../shared/passkeys";
import { Notice } from "../../../components/feedback";
import { Field, SubmitButton } from "../../../components/field";
import { createPasskey } from "../../../features/passkeys/ceremony";
import { text, useApiForm } from "../../../lib/form";

/**
 * Adding a passkey: the password again (a stolen session alone cannot add one), an optional name,
 * then the browser's own passkey dialog. Nothing typed is lost when it fails.
 */
export function AddPasskeyForm(props: { onAdded: (passkey: PasskeyView) => void; onCancel: () => void }) {
  const form = useApiForm((data) => createPasskey(text(data, "currentPassword"), text(data, "name").trim() || undefined), {
    fields: ["currentPassword", "name"],
    onSuccess: props.onAdded,
  });
  return (
    <form class="form" noValidate onSubmit={form.onSubmit}>
      {form.formError ? <Notice tone="error" title={form.formError} /> : null}
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autocomplete="current-password"
        required
        autofocus
        error={form.fieldError("currentPassword")}
      />
      <Field
        label="Name (optional)"
        name="name"
        maxLength={60}
        hint="So you can tell your passkeys apart, e.g. “Work laptop”. Left empty, it is named after this browser."
        error={form.fieldError("name")}
      />
      <div class="form-footer">
        <button type="button" class="btn btn-ghost" onClick={props.onCancel}>
          Cancel
        </button>
        <SubmitButton pending={form.pending} pendingLabel="Waiting for your passkey…">
          Continue
        </SubmitButton>
      </div>
    </form>
  );
}
