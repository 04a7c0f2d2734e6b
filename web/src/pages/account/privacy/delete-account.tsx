import { useState } from "hono/jsx/dom";
import { privacyApi } from "../../../api/privacy";
import { Notice } from "../../../components/feedback";
import { Field } from "../../../components/field";
import { text, useApiForm } from "../../../lib/form";
import { signOut } from "../../../lib/session";
import { toast } from "../../../lib/toasts";
import { navigate } from "../../../router/history";

/** Leaves the deleted account: this tab and the others sign out, and the person lands on the home page. */
async function leave(): Promise<void> {
  // The server already ended every session; this clears what the browser remembers and tells other tabs.
  await signOut().catch(() => undefined);
  navigate("/", { replace: true });
  toast({ tone: "success", title: "Your account is deleted", body: "Everything is being erased now. Thank you for trying Ausar." });
}

/** "Delete my account": says what goes and what stays, then asks for the password before deleting. */
export function DeleteAccountSection() {
  const [open, setOpen] = useState(false);
  const form = useApiForm((data) => privacyApi.deleteAccount(text(data, "password")), {
    fields: ["password"],
    onSuccess: () => void leave(),
  });

  return (
    <section class="card account-section danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title" class="card-title">
        Delete your account
      </h2>
      <p class="card-text">You are signed out everywhere at once, and then we erase:</p>
      <ul class="delete-list">
        <li>your profile, email address, password and signed-in devices;</li>
        <li>every upload, image and video, with their thumbnails, share links and data exports;</li>
        <li>your generations and prompts, your credits and their history (unused credits are lost), and your privacy choices.</li>
      </ul>
      <p class="card-text">
        <strong>What we keep:</strong> records of your payments, because tax law requires it. They keep the amount and date but lose your
        name, email and any link to you. If you have a subscription, cancel it on the Billing page first: deleting your account does not
        stop Whop from charging you. You may want to download your data before you go.
      </p>
      {open ? (
        <form class="form" noValidate onSubmit={form.onSubmit}>
          {form.formError ? <Notice tone="error" title={form.formError} /> : null}
          <Field
            label="Your password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            autofocus
            hint="To make sure it is you. This cannot be undone."
            error={form.fieldError("password")}
          />
          <div class="form-footer">
            <button type="button" class="btn btn-secondary" disabled={form.pending} onClick={() => setOpen(false)}>
              Keep my account
            </button>
            <button type="submit" class="btn btn-danger-solid" disabled={form.pending} aria-busy={form.pending ? "true" : undefined}>
              {form.pending ? <span class="spinner" aria-hidden="true" /> : null}
              {form.pending ? "Deleting…" : "Delete my account permanently"}
            </button>
          </div>
        </form>
      ) : (
        <div class="form-footer">
          <button type="button" class="btn btn-danger" onClick={() => setOpen(true)}>
            Delete my account…
          </button>
        </div>
      )}
    </section>
  );
}
