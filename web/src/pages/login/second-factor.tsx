import { authApi } from "../../api/auth";
import { Notice } from "../../components/feedback";
import { Field, SubmitButton } from "../../components/field";
import { text, useApiForm } from "../../lib/form";
import { completeSignIn } from "../../lib/session";

/**
 * Sign-in's second step: the six digits the authenticator app shows, or one of the recovery codes
 * (each works once). An expired ticket (five minutes) sends the person back to the password step.
 */
export function SecondFactorStep(props: { ticket: string; onSignedIn: () => void; onRestart: () => void }) {
  const form = useApiForm(
    async (data) => {
      await authApi.loginSecondFactor({ ticket: props.ticket, code: text(data, "code") });
      await completeSignIn();
    },
    { fields: ["code"], codeFields: { invalid_code: "code" }, onSuccess: props.onSignedIn },
  );
  const expired = form.error?.code === "invalid_token";

  return (
    <div class="auth-page">
      <h1 class="auth-title">Two-factor sign-in</h1>
      <p class="auth-subtitle">Enter the 6-digit code from your authenticator app.</p>
      <form class="form" method="post" action="/login" noValidate onSubmit={form.onSubmit}>
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
        {expired ? (
          <button type="button" class="btn btn-secondary btn-block" onClick={props.onRestart}>
            Sign in again
          </button>
        ) : (
          <SubmitButton pending={form.pending} pendingLabel="Checking…" class="btn-block">
            Verify
          </SubmitButton>
        )}
      </form>
      <p class="auth-switch">
        <button type="button" class="btn btn-ghost btn-small" onClick={props.onRestart}>
          Use a different account
        </button>
      </p>
    </div>
  );
}
