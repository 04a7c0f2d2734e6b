import { useEffect, useState } from "hono/jsx/dom";
import type { WhopPendingView } from "../../../../shared/whop-sign-in";
import { whopApi } from "../../api/whop";
import { Notice } from "../../components/feedback";
import { Field, SubmitButton } from "../../components/field";
import { text, useApiForm } from "../../lib/form";

/**
 * An Ausar account already uses the Whop email: nothing is linked until its password is given here,
 * once (and its two-factor code, which the server asks for when it is on). After that, Whop opens it.
 */
export function LinkStep(props: { pending: WhopPendingView; onDone: () => Promise<void> }) {
  const [askCode, setAskCode] = useState(false);
  const form = useApiForm(
    async (data) => {
      const code = text(data, "code").trim();
      await whopApi.link({ password: text(data, "password"), ...(code ? { code } : {}) });
      await props.onDone();
    },
    { fields: ["password", "code"], codeFields: { invalid_credentials: "password", invalid_code: "code" } },
  );
  // The server asks for the code (an issue on `code`) only when two-factor is on; the field then stays.
  useEffect(() => {
    if (form.error?.issueFor("code")) setAskCode(true);
  }, [form.error]);

  return (
    <div class="auth-page">
      <h1 class="auth-title">Connect Whop to your account</h1>
      <p class="card-text">
        An Ausar account already uses <span class="whop-email">{props.pending.email}</span>. Enter its password once to connect your Whop
        account; after that, Sign in with Whop opens it.
      </p>
      <form class="form" method="post" action="/whop-sign-in" noValidate onSubmit={form.onSubmit}>
        {form.formError ? <Notice tone="error" title={form.formError} /> : null}
        <Field
          label="Password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          autofocus
          error={form.fieldError("password")}
        />
        {askCode ? (
          <Field
            label="Code"
            name="code"
            autocomplete="one-time-code"
            inputMode="numeric"
            maxLength={32}
            hint="The 6-digit code from your authenticator app, or a recovery code."
            error={form.fieldError("code")}
          />
        ) : null}
        <div class="form-footer">
          <a href="/forgot-password">Forgot password?</a>
        </div>
        <SubmitButton pending={form.pending} pendingLabel="Connecting…" class="btn-block">
          Connect and sign in
        </SubmitButton>
      </form>
      <p class="auth-switch">
        <a href="/login">Not you? Sign in another way</a>
      </p>
    </div>
  );
}
