import { useState } from "hono/jsx/dom";
import type { UserView } from "../../../../shared/auth";
import { authApi } from "../../api/auth";
import { Notice } from "../../components/feedback";
import { Field, SubmitButton } from "../../components/field";
import { ApiError } from "../../lib/api";
import { text, useApiForm } from "../../lib/form";
import { updateUser } from "../../lib/session";

/** Name and email; a new email waits for verification and is shown as pending until then. */
export function ProfileSection(props: { user: UserView }) {
  const { user } = props;
  const [saved, setSaved] = useState<string | null>(null);
  const form = useApiForm(
    async (data) => {
      setSaved(null);
      const name = text(data, "name").trim();
      const email = text(data, "email").trim();
      const emailChanged = email.toLowerCase() !== user.email.toLowerCase();
      const changes = {
        ...(name !== user.name ? { name } : {}),
        // The API asks for the current password only when the email changes.
        ...(emailChanged ? { email, currentPassword: text(data, "currentPassword") } : {}),
      };
      if (!Object.keys(changes).length) throw new ApiError(400, "validation_failed", "Nothing has changed.");
      const body = await authApi.updateMe(changes);
      updateUser(body.user);
      // The field shows the address in use again (the new one is pending), and the password is not kept.
      const input = (name: string) => document.querySelector<HTMLInputElement>(`#profile-form input[name="${name}"]`);
      const [emailInput, passwordInput] = [input("email"), input("currentPassword")];
      if (emailInput) emailInput.value = body.user.email;
      if (passwordInput) passwordInput.value = "";
      return emailChanged ? "Your request is saved: open the link we sent to the new address." : "Your name is saved.";
    },
    {
      fields: ["name", "email", "currentPassword"],
      codeFields: { email_taken: "email", invalid_credentials: "currentPassword" },
      onSuccess: setSaved,
    },
  );

  return (
    <section class="card account-section" aria-labelledby="profile-title">
      <h2 id="profile-title" class="card-title">
        Profile
      </h2>
      <p class="card-text">
        Your name and the address we write to.{" "}
        {user.emailVerified ? (
          <span class="badge badge-accent">Email verified</span>
        ) : (
          <span class="badge badge-warning">Email not verified</span>
        )}
      </p>
      {user.pendingEmail ? (
        <Notice tone="info" title="Check your inbox">
          We sent a link to {user.pendingEmail}. Your address changes to it once you open that link (it works for 24 hours). Until then we
          keep writing to {user.email}, which also got a note with a link to cancel the change.
        </Notice>
      ) : null}
      <form id="profile-form" class="form" noValidate onSubmit={form.onSubmit}>
        {form.formError ? <Notice tone="error" title={form.formError} /> : null}
        {saved ? <Notice tone="success" title={saved} /> : null}
        <Field
          label="Name"
          name="name"
          autocomplete="name"
          required
          maxLength={100}
          defaultValue={user.name}
          error={form.fieldError("name")}
        />
        <Field
          label="Email"
          name="email"
          type="email"
          autocomplete="email"
          required
          defaultValue={user.email}
          error={form.fieldError("email")}
          hint={user.pendingEmail ? `Waiting for verification: ${user.pendingEmail}.` : undefined}
        />
        <Field
          label="Current password (for an email change)"
          name="currentPassword"
          type="password"
          autocomplete="current-password"
          hint="Needed only to change your email, so that nobody at an unlocked screen can take over your account."
          error={form.fieldError("currentPassword")}
        />
        <div class="form-footer">
          <SubmitButton pending={form.pending} pendingLabel="Saving…">
            Save profile
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
