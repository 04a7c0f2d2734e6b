import { useRef, useState } from "hono/jsx/dom";
import type { Role, StaffUserDetail } from "../../../../shared/admin-users";
import type { StepUpProof } from "../../../../shared/step-up";
import { adminUsersApi } from "../../api/admin-users";
import { Dialog } from "../../components/dialog";
import { Field } from "../../components/field";
import { ApiError, errorMessage } from "../../lib/api";
import { formatCount } from "../../lib/format";
import { onSubmit, passkeyAssertion, type StepUp, StepUpField } from "./step-up";

export type ActionKind = "credits" | "revoke" | "suspend" | "unsuspend" | "role";

interface ActionText {
  title: string;
  text: string;
  submit: string;
  /** Destructive: asks for a fresh code from the authenticator app, or a passkey instead. */
  code: boolean;
}

function textFor(kind: ActionKind, detail: StaffUserDetail): ActionText {
  const who = detail.profile.email;
  switch (kind) {
    case "credits":
      return {
        title: "Adjust credits",
        text: `${who} has ${formatCount(detail.standing.balance.available)} credits available. A positive number adds credits, a negative one takes them away (never below zero). They see the change at once.`,
        submit: "Adjust",
        code: true,
      };
    case "revoke":
      return {
        title: "End every session",
        text: `${who} is signed out everywhere, open tabs included.`,
        submit: "End sessions",
        code: false,
      };
    case "suspend":
      return {
        title: "Suspend this account",
        text: `${who} is signed out everywhere and cannot sign in or spend credits until the suspension is lifted. Nothing is deleted.`,
        submit: "Suspend",
        code: true,
      };
    case "unsuspend":
      return { title: "Lift the suspension", text: `${who} can sign in and spend again.`, submit: "Lift suspension", code: true };
    case "role":
      return {
        title: "Change role",
        text: `${who} is ${detail.profile.role === "admin" ? "an" : "a"} ${detail.profile.role}. Changing the role signs them out everywhere.`,
        submit: "Change role",
        code: true,
      };
  }
}

const ROLE_LABELS: Record<Role, string> = { user: "User", support: "Support", admin: "Admin" };

function send(kind: ActionKind, id: string, data: FormData, idempotencyKey: string, proof: StepUpProof): Promise<string> {
  const reason = String(data.get("reason") ?? "");
  switch (kind) {
    case "credits": {
      const delta = Number(data.get("delta"));
      const note = String(data.get("note") ?? "").trim() || undefined;
      return adminUsersApi
        .adjustCredits(id, { delta, reason, ...proof, note }, idempotencyKey)
        .then((r) =>
          r.applied ? `Done: ${formatCount(r.balance.available)} credits available now.` : "Already done: that adjustment was made before.",
        );
    }
    case "revoke":
      return adminUsersApi.revokeSessions(id, { reason }).then((r) => `Ended ${r.ended} ${r.ended === 1 ? "session" : "sessions"}.`);
    case "suspend":
      return adminUsersApi.suspend(id, { reason, ...proof }).then(() => "Suspended. They are signed out everywhere.");
    case "unsuspend":
      return adminUsersApi.unsuspend(id, { reason, ...proof }).then(() => "Suspension lifted.");
    case "role": {
      const role = String(data.get("role")) as Role;
      return adminUsersApi
        .changeRole(id, { role, reason, ...proof })
        .then((r) => `They are now ${ROLE_LABELS[r.user.role].toLowerCase()}.`);
    }
  }
}

/** An action on a person, in a modal: what it does, a required reason, and a fresh code (or a passkey) for destructive ones. */
export function UserActionDialog(props: {
  kind: ActionKind;
  detail: StaffUserDetail;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const text = textFor(props.kind, props.detail);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // One key per dialog: submitting again after a lost answer adjusts once.
  const idempotencyKey = useRef(crypto.randomUUID());
  const issue = (field: string) => (error instanceof ApiError ? error.issueFor(field) : undefined);
  const general = error && !(error instanceof ApiError && error.issues.length > 0) ? errorMessage(error) : null;

  const submit = async (form: HTMLFormElement, stepUp: StepUp) => {
    setBusy(true);
    setError(null);
    try {
      const data = new FormData(form);
      // Revoking sessions is not destructive: no step-up, nothing sent for it.
      const proof = text.code ? await stepUp(form) : {};
      const message = await send(props.kind, props.detail.profile.id, data, idempotencyKey.current ?? "", proof);
      props.onDone(message);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <Dialog class="admin-action-dialog" titleId="admin-action-title" textId="admin-action-text" onCancel={() => !busy && props.onClose()}>
      <form class="form" onSubmit={(event: Event) => onSubmit(event, submit)} data-testid={`action-${props.kind}`}>
        <h2 id="admin-action-title" class="dialog-title">
          {text.title}
        </h2>
        <p id="admin-action-text" class="dialog-text">
          {text.text}
        </p>
        {props.kind === "credits" ? (
          <>
            <Field
              label="Change (credits)"
              name="delta"
              type="number"
              required
              hint="For example 50 or -20."
              error={issue("delta")}
              autofocus
            />
            <Field
              label="Line in their credit history (optional)"
              name="note"
              maxLength={200}
              placeholder="Correction by Ausar support"
              error={issue("note")}
            />
          </>
        ) : null}
        {props.kind === "role" ? (
          <div class="field">
            <label class="field-label" for="admin-role">
              New role
            </label>
            <select id="admin-role" class="input" name="role">
              {(["user", "support", "admin"] as const)
                .filter((r) => r !== props.detail.profile.role)
                .map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
            </select>
          </div>
        ) : null}
        <div class={`field${issue("reason") ? " field-invalid" : ""}`}>
          <label class="field-label" for="admin-reason">
            Reason (kept in the audit log)
          </label>
          <textarea id="admin-reason" class="input admin-reason" name="reason" required maxlength={500} rows={3} />
          {issue("reason") ? <p class="field-error">{issue("reason")}</p> : null}
        </div>
        {text.code ? (
          <StepUpField
            error={issue("code") ?? issue("passkey")}
            disabled={busy}
            onPasskey={(form) => void submit(form, passkeyAssertion)}
          />
        ) : null}
        {general ? (
          <p class="dialog-error" role="alert">
            {general}
          </p>
        ) : null}
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="submit"
            class={`btn ${props.kind === "suspend" ? "btn-danger" : "btn-primary"}`}
            disabled={busy}
            aria-busy={busy ? "true" : undefined}
          >
            {busy ? <span class="spinner" aria-hidden="true" /> : null}
            {text.submit}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
