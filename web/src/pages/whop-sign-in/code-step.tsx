import { whopApi } from "../../api/whop";
import { Notice } from "../../components/feedback";
import { Field, SubmitButton } from "../../components/field";
import { text, useApiForm } from "../../lib/form";

/** Two-factor is on: Sign in with Whop does not skip it (docs/auth.md says why). */
export function CodeStep(props: { onDone: () => Promise<void> }) {
  const form = useApiForm(
    async (data) => {
      await whopApi.secondFactor(text(data, "code"));
      await props.onDone();
    },
    { fields: ["code"], codeFields: { invalid_code: "code" } },
  );

  return (
    <div class="auth-page">
      <h1 class="auth-title">Two-factor sign-in</h1>
      <p class="auth-subtitle">Enter the 6-digit code from your authenticator app.</p>
      <form class="form" method="post" action="/whop-sign-in" noValidate onSubmit={form.onSubmit}>
        {form.formError ? <Notice tone="error" title={form.formError} /> : null}
        <Field
          label="Code"
          name="code"
          autocomplete="one-time-code"
          inputMode="numeric"
          maxLength={32}
          required
          autofocus
          hint="Lost your phone? Enter one of your recovery codes instead."
          error={form.fieldError("code")}
        />
        <SubmitButton pending={form.pending} pendingLabel="Checking…" class="btn-block">
          Verify
        </SubmitButton>
      </form>
    </div>
  );
}
