import { twoFactorApi } from "../../../api/two-factor";
import { Notice } from "../../../components/feedback";
import { Field, SubmitButton } from "../../../components/field";
import { text, useApiForm } from "../../../lib/form";

/** Turning two-factor off asks for a current code (or a recovery code), so a stolen session cannot. */
export function TurnOffForm(props: { onOff: () => void }) {
  const form = useApiForm((data) => twoFactorApi.turnOff(text(data, "code")), {
    fields: ["code"],
    codeFields: { invalid_code: "code" },
    onSuccess: props.onOff,
  });
  return (
    <form class="form" noValidate onSubmit={form.onSubmit}>
      {form.formError ? <Notice tone="error" title={form.formError} /> : null}
      <Field
        label="Code to turn it off"
        name="code"
        autocomplete="one-time-code"
        inputMode="numeric"
        maxLength={32}
        required
        hint="A code from your authenticator app, or a recovery code."
        error={form.fieldError("code")}
      />
      <div class="form-footer">
        <SubmitButton pending={form.pending} pendingLabel="Turning off…" class="btn-danger">
          Turn off two-factor
        </SubmitButton>
      </div>
    </form>
  );
}
