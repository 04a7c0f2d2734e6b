import { useState } from "hono/jsx/dom";
import { PASSWORD_MIN_LENGTH } from "../../../../shared/password-policy";
import { authApi } from "../../api/auth";
import { Notice } from "../../components/feedback";
import { Field, SubmitButton } from "../../components/field";
import { text, useApiForm } from "../../lib/form";
import type { PageProps } from "../../router/routes";

/** `/reset-password?token=…`: chooses a new password from the emailed link. */
export default function ResetPasswordPage(props: PageProps) {
  const token = props.query.get("token") ?? "";
  const [done, setDone] = useState(false);
  const form = useApiForm(
    async (data) => {
      await authApi.resetPassword({ token, password: text(data, "password") });
    },
    { fields: ["password"], codeFields: { weak_password: "password" }, onSuccess: () => setDone(true) },
  );

  if (!token) {
    return (
      <div class="auth-page">
        <h1 class="auth-title">Choose a new password</h1>
        <Notice tone="error" title="This link is incomplete">
          Open the link from the email again, or ask for a new one.
        </Notice>
        <a class="btn btn-primary btn-block" href="/forgot-password">
          Send a new link
        </a>
      </div>
    );
  }

  if (done) {
    return (
      <div class="auth-page">
        <h1 class="auth-title">Password changed</h1>
        <Notice tone="success" title="Your new password is set">
          Sign in with your new password.
        </Notice>
        <a class="btn btn-primary btn-block" href="/login">
          Sign in
        </a>
      </div>
    );
  }

  const tokenProblem = form.error?.code === "invalid_token";
  return (
    <div class="auth-page">
      <h1 class="auth-title">Choose a new password</h1>
      <form class="form" method="post" action="/reset-password" noValidate onSubmit={form.onSubmit}>
        {form.formError ? (
          <Notice tone="error" title={form.formError}>
            {tokenProblem ? (
              <>
                Reset links work once and expire. <a href="/forgot-password">Send a new link</a>.
              </>
            ) : null}
          </Notice>
        ) : null}
        <Field
          label="New password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          error={form.fieldError("password")}
        />
        <SubmitButton pending={form.pending} pendingLabel="Saving…" class="btn-block">
          Set new password
        </SubmitButton>
      </form>
    </div>
  );
}
