import { useState } from "hono/jsx/dom";
import type { UserView } from "../../../../shared/auth";
import { Field, SubmitButton } from "../../components/field";
import { Notice } from "../../components/feedback";
import { api, ApiError } from "../../lib/api";
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
      const changes = {
        ...(name !== user.name ? { name } : {}),
        ...(email.toLowerCase() !== user.email.toLowerCase() ? { email } : {}),
      };
      if (!Object.keys(changes).length) throw new ApiError(400, "validation_failed", "Nothing has changed.");
      const body = await api.patch<{ user: UserView }>("/api/me", changes);
      updateUser(body.user);
      return "email" in changes ? `We sent a link to ${email}. Your address changes once you open it.` : "Your name is saved.";
    },
    { fields: ["name", "email"], codeFields: { email_taken: "email" }, onSuccess: setSaved },
  );

  return (
    <section class="card account-section" aria-labelledby="profile-title">
      <h2 id="profile-title" class="card-title">
        Profile
      </h2>
      <p class="card-text">
        Your name and the address we write to.{" "}
        {user.emailVerified ? <span class="badge badge-accent">Email verified</span> : <span class="badge badge-warning">Email not verified</span>}
      </p>
      <form class="form" noValidate onSubmit={form.onSubmit}>
        {form.formError ? <Notice tone="error" title={form.formError} /> : null}
        {saved ? <Notice tone="success" title={saved} /> : null}
        <Field label="Name" name="name" autocomplete="name" required maxLength={100} defaultValue={user.name} error={form.fieldError("name")} />
        <Field
          label="Email"
          name="email"
          type="email"
          autocomplete="email"
          required
          defaultValue={user.email}
          error={form.fieldError("email")}
          hint={user.pendingEmail ? `Waiting for verification: ${user.pendingEmail}. Open the link we sent there to switch.` : undefined}
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
