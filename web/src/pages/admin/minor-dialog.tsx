import { useState } from "hono/jsx/dom";
import { client, done } from "../../api/client";
import { Dialog } from "../../components/dialog";
import { ApiError, errorMessage } from "../../lib/api";
import { text } from "../../lib/form";
import { onSubmit, passkeyAssertion, type StepUp, StepUpField } from "./step-up";

/**
 * "Delete as minor" (support or admin, a fresh code or passkey): the account ends now and is purged as a
 * self-deletion is, without the person's password. Nothing can undo it.
 */
export function MinorDialog(props: { userId: string; email: string; onClose: () => void; onDone: (message: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const issue = (field: string) => (error instanceof ApiError ? error.issueFor(field) : undefined);
  const general = error && !(error instanceof ApiError && error.issues.length > 0) ? errorMessage(error) : null;

  const submit = async (form: HTMLFormElement, stepUp: StepUp) => {
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    try {
      const proof = await stepUp(form);
      await done(
        client.api.admin.users[":id"]["delete-as-minor"].$post({
          param: { id: props.userId },
          json: { reason: text(data, "reason"), ...proof },
        }),
      );
      props.onDone(`${props.email} was deleted: signed out everywhere now, their data is being erased.`);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <Dialog class="admin-action-dialog" titleId="admin-minor-title" textId="admin-minor-text" onCancel={() => !busy && props.onClose()}>
      <form class="form" onSubmit={(event: Event) => onSubmit(event, submit)} data-testid="action-delete-as-minor">
        <h2 id="admin-minor-title" class="dialog-title">
          Delete as minor
        </h2>
        <p id="admin-minor-text" class="dialog-text">
          {props.email} is signed out everywhere at once, and everything of theirs is erased as if they had deleted their account
          themselves: pictures, videos, history, credits. Payments stay for tax law without their name. This cannot be undone.
        </p>
        <div class={`field${issue("reason") ? " field-invalid" : ""}`}>
          <label class="field-label" for="admin-minor-reason">
            Reason (kept in the audit log)
          </label>
          <textarea id="admin-minor-reason" class="input admin-reason" name="reason" required maxlength={500} rows={3} />
          {issue("reason") ? <p class="field-error">{issue("reason")}</p> : null}
        </div>
        <StepUpField error={issue("code") ?? issue("passkey")} disabled={busy} onPasskey={(form) => void submit(form, passkeyAssertion)} />
        {general ? (
          <p class="dialog-error" role="alert">
            {general}
          </p>
        ) : null}
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" class="btn btn-danger" disabled={busy} aria-busy={busy ? "true" : undefined}>
            {busy ? <span class="spinner" aria-hidden="true" /> : null}
            Delete everything
          </button>
        </div>
      </form>
    </Dialog>
  );
}
