import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { useState } from "hono/jsx/dom";
import { Notice } from "../../components/feedback";
import { LockIcon } from "../../components/icons";
import { signInWithPasskey } from "../../features/passkeys/ceremony";
import { errorMessage } from "../../lib/api";
import { completeSignIn } from "../../lib/session";
import "./passkey-sign-in.css";

/**
 * "Sign in with a passkey" under the sign-in form: no email typed, the browser offers the passkeys
 * it holds for Ausar. It skips the code step too (a passkey is two factors at once).
 */
export function PasskeySignIn(props: { onSignedIn: () => void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!browserSupportsWebAuthn()) return null;

  const start = async () => {
    setPending(true);
    setError(null);
    try {
      await signInWithPasskey();
      await completeSignIn();
      props.onSignedIn();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <div class="passkey-sign-in">
      {error ? <Notice tone="error" title={error} /> : null}
      <button type="button" class="btn btn-secondary btn-block" disabled={pending} onClick={() => void start()}>
        <LockIcon size={16} /> {pending ? "Waiting for your passkey…" : "Sign in with a passkey"}
      </button>
    </div>
  );
}
