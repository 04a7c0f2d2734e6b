import { useState } from "hono/jsx/dom";
import { authApi } from "../../api/auth";
import { Notice } from "../../components/feedback";
import { Field, SubmitButton } from "../../components/field";
import { text, useApiForm } from "../../lib/form";

/** `/forgot-password`: asks for a reset link. The answer never tells whether the address has an account. */
export default function ForgotPasswordPage() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useApiForm(
    async (data) => {
      const email = text(data, "email");
      await authApi.forgotPassword(email);
      return email;
    },
    { fields: ["email"], onSuccess: (email) => setSentTo(email) },
  );

  if (sentTo) {
    return (
      <div class="auth-page">
        <h1 class="auth-title">Check your inbox</h1>
        <Notice tone="success" title="If an account uses that address, a reset link is on its way">
          We sent it to {sentTo}. The link works once and expires soon.
        </Notice>
        <p class="auth-switch">
          <a href="/login">Back to sign in</a>
        </p>
      </div>
    );
  }

  return (
    <div class="auth-page">
      <h1 class="auth-title">Reset your password</h1>
      <p class="auth-subtitle">Enter your email and we will send you a link to choose a new password.</p>
      <form class="form" method="post" action="/forgot-password" noValidate onSubmit={form.onSubmit}>
        {form.formError ? <Notice tone="error" title={form.formError} /> : null}
        <Field label="Email" name="email" type="email" autocomplete="email" inputMode="email" required error={form.fieldError("email")} />
        <SubmitButton pending={form.pending} pendingLabel="Sending…" class="btn-block">
          Send reset link
        </SubmitButton>
      </form>
      <p class="auth-switch">
        Remembered it? <a href="/login">Sign in</a>
      </p>
    </div>
  );
}
