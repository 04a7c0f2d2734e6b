import { useState } from "hono/jsx/dom";
import type { UserView } from "../../../../shared/auth";
import { POLICY_UPDATED_LABEL } from "../../../../shared/policy";
import { privacyApi } from "../../api/privacy";
import { Dialog } from "../../components/dialog";
import { signOutAndLeave } from "../../layouts/account-menu";
import { errorMessage } from "../../lib/api";
import { loadSession } from "../../lib/session";
import "./policy-prompt.css";

/** `GET /api/me` says whether the current policies were accepted; other answers (sign-in) do not, and count as accepted. */
function needsAcceptance(user: UserView): boolean {
  return user.policyAccepted === false;
}

/** The page where the person can still act on their data without accepting: there the prompt does not block. */
const ACCOUNT_PATH = "/account";

function PromptBody(props: { titleId: string; textId: string }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const accept = async () => {
    setState({ busy: true, error: null });
    try {
      await privacyApi.acceptPolicies();
      await loadSession();
    } catch (error) {
      setState({ busy: false, error: errorMessage(error, "Something went wrong. Please try again.") });
    }
  };
  return (
    <>
      <h2 id={props.titleId} class="dialog-title">
        We updated our Terms and Privacy Policy
      </h2>
      <p id={props.textId} class="dialog-text">
        Last updated {POLICY_UPDATED_LABEL}. Please read the{" "}
        <a href="/terms" target="_blank" rel="noopener">
          Terms of Service
        </a>{" "}
        and the{" "}
        <a href="/privacy" target="_blank" rel="noopener">
          Privacy Policy
        </a>{" "}
        and accept them to keep using Ausar. If you do not agree, you can download your data or delete your account from your{" "}
        <a href={ACCOUNT_PATH}>account page</a>.
      </p>
      {state.error ? (
        <p class="dialog-error" role="alert">
          {state.error}
        </p>
      ) : null}
      <div class="dialog-actions">
        <button type="button" class="btn btn-secondary" disabled={state.busy} onClick={() => void signOutAndLeave()}>
          Sign out
        </button>
        <button
          type="button"
          class="btn btn-primary"
          autofocus
          disabled={state.busy}
          aria-busy={state.busy ? "true" : undefined}
          onClick={() => void accept()}
        >
          {state.busy ? <span class="spinner" aria-hidden="true" /> : null}
          Accept and continue
        </button>
      </div>
    </>
  );
}

/** A modal the person cannot dismiss without answering: it has no `onCancel`, so Escape does nothing. */
function BlockingPrompt() {
  return (
    <Dialog class="policy-prompt" titleId="policy-prompt-title" textId="policy-prompt-text">
      <PromptBody titleId="policy-prompt-title" textId="policy-prompt-text" />
    </Dialog>
  );
}

/**
 * Asks a signed-in person to accept a new version of the policies. It blocks the app, politely,
 * except on the Account page, where it is a banner so they can still export or delete their data.
 */
export function PolicyPrompt(props: { user: UserView; path: string }) {
  if (!needsAcceptance(props.user)) return null;
  if (props.path === ACCOUNT_PATH) {
    return (
      <section class="policy-prompt-banner" aria-labelledby="policy-banner-title">
        <PromptBody titleId="policy-banner-title" textId="policy-banner-text" />
      </section>
    );
  }
  return <BlockingPrompt />;
}
