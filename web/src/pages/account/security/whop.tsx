import { useEffect, useState } from "hono/jsx/dom";
import type { UserView } from "../../../../../shared/auth";
import { authApi } from "../../../api/auth";
import { whopApi } from "../../../api/whop";
import { ErrorState, Notice, Skeleton } from "../../../components/feedback";
import { Field, SubmitButton } from "../../../components/field";
import { errorMessage } from "../../../lib/api";
import { text, useApiForm } from "../../../lib/form";
import { formatDate } from "../../../lib/format";
import { useResource } from "../../../lib/resource";
import { toast } from "../../../lib/toasts";
import { ConfirmDialog } from "../../gallery/confirm-dialog";

/**
 * Account → Security: Sign in with Whop. Connect (a round trip to Whop while signed in), or see the
 * connected Whop account and disconnect it — unless Whop is the only way in (an account made through
 * Whop with no password yet): then "Set a password" emails a link first. Hidden when the server has no Whop app.
 */
export function WhopSection(props: { user: UserView; connected: boolean }) {
  const [state, reload] = useResource(() => whopApi.account());
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (props.connected) toast({ tone: "success", title: "Whop is connected", body: "You can now sign in with Whop." });
  }, [props.connected]);

  const disconnect = async () => {
    setBusy(true);
    setError(null);
    try {
      await whopApi.disconnect();
      setConfirming(false);
      await reload();
      toast({ tone: "success", title: "Whop is disconnected" });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const setPassword = async () => {
    try {
      await authApi.forgotPassword(props.user.email);
      toast({ tone: "success", title: "Check your inbox", body: `We sent a link to set a password to ${props.user.email}.` });
    } catch (caught) {
      toast({ tone: "error", title: "Could not send the link", body: errorMessage(caught) });
    }
  };

  if (state.kind === "ready" && !state.value.available && !state.value.linked) return null;
  return (
    <section id="whop" class="card account-section" aria-labelledby="whop-title">
      <h2 id="whop-title" class="card-title">
        Sign in with Whop
        {state.kind === "ready" && state.value.linked ? <span class="badge badge-accent">Connected</span> : null}
      </h2>
      {state.kind === "loading" ? <Skeleton lines={2} /> : null}
      {state.kind === "error" ? <ErrorState message={state.message} onRetry={() => void reload()} /> : null}
      {state.kind === "ready" && state.value.linked ? (
        <>
          <p class="card-text">
            Connected to the Whop account {state.value.linked.email ? <span class="whop-email">{state.value.linked.email}</span> : null}{" "}
            since {formatDate(state.value.linked.linkedAt)}. Purchases made with it are credited to this account.
          </p>
          {state.value.hasPassword ? (
            <div class="form-footer">
              <button type="button" class="btn btn-secondary" onClick={() => setConfirming(true)}>
                Disconnect Whop
              </button>
            </div>
          ) : (
            <>
              <p class="card-text">Whop is the only way into this account. Set a password before you disconnect it.</p>
              <div class="form-footer">
                <button type="button" class="btn btn-secondary" onClick={() => void setPassword()}>
                  Set a password
                </button>
              </div>
            </>
          )}
        </>
      ) : null}
      {state.kind === "ready" && !state.value.linked ? (
        <>
          <p class="card-text">Connect your Whop account to sign in with it, and so that purchases made with it are credited here.</p>
          <ConnectWhop />
        </>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title="Disconnect Whop?"
          text="You will sign in with your email and password. Purchases are still matched by the details of each checkout."
          confirmLabel="Disconnect"
          busy={busy}
          error={error}
          onConfirm={() => void disconnect()}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </section>
  );
}

/**
 * "Connect Whop": asks for the password first (a connected Whop account is a way in that outlives
 * this session), then goes to Whop, which sends the browser back to Account.
 */
function ConnectWhop() {
  const [asking, setAsking] = useState(false);
  const form = useApiForm(async (data) => whopApi.connect(text(data, "password")), {
    fields: ["password"],
    onSuccess: (authorizeUrl) => location.assign(authorizeUrl),
  });
  if (!asking) {
    return (
      <div class="form-footer">
        <button type="button" class="btn btn-secondary" onClick={() => setAsking(true)}>
          Connect Whop
        </button>
      </div>
    );
  }
  return (
    <form class="form" noValidate onSubmit={form.onSubmit} aria-label="Connect Whop">
      {form.formError ? <Notice tone="error" title={form.formError} /> : null}
      <Field
        label="Current password"
        name="password"
        type="password"
        autocomplete="current-password"
        required
        autofocus
        error={form.fieldError("password")}
      />
      <div class="form-footer">
        <SubmitButton pending={form.pending} pendingLabel="Going to Whop…">
          Continue to Whop
        </SubmitButton>
        <button type="button" class="btn btn-ghost" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
