import { useState } from "hono/jsx/dom";
import { PASSWORD_MIN_LENGTH } from "../../../../shared/password-policy";
import { authApi } from "../../api/auth";
import { Notice } from "../../components/feedback";
import { Field, SubmitButton } from "../../components/field";
import { text, useApiForm } from "../../lib/form";

/** Change password: the current one, then the new one (checked for strength by the API). */
export function PasswordSection() {
  const [done, setDone] = useState(false);
  const form = useApiForm(
    async (data) => {
      setDone(false);
      await authApi.changePassword({
        currentPassword: text(data, "currentPassword"),
        newPassword: text(data, "newPassword"),
      });
    },
    {
      fields: ["currentPassword", "newPassword"],
      codeFields: { invalid_credentials: "currentPassword", weak_password: "newPassword" },
      onSuccess: () => {
        setDone(true);
        document.querySelector<HTMLFormElement>("#password-form")?.reset();
      },
    },
  );

  return (
    <section class="card account-section" aria-labelledby="password-title">
      <h2 id="password-title" class="card-title">
        Password
      </h2>
      <p class="card-text">Use at least {PASSWORD_MIN_LENGTH} characters that you do not use anywhere else.</p>
      <form id="password-form" class="form" noValidate onSubmit={form.onSubmit}>
        {form.formError ? <Notice tone="error" title={form.formError} /> : null}
        {done ? <Notice tone="success" title="Your password is changed" /> : null}
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autocomplete="current-password"
          required
          error={form.fieldError("currentPassword")}
        />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autocomplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          error={form.fieldError("newPassword")}
        />
        <div class="form-footer">
          <SubmitButton pending={form.pending} pendingLabel="Changing…">
            Change password
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
