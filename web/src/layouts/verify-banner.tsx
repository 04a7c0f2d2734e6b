import type { UserView } from "../../../shared/auth";
import { useResendVerification } from "../lib/resend-verification";

/** Reminds an unverified person to confirm their address, with a resend button. */
export function VerifyBanner(props: { user: UserView }) {
  const { state, message, resend } = useResendVerification();
  if (props.user.emailVerified) return null;

  return (
    <div class="banner" role="status">
      <p>
        Confirm your email address: we sent a link to <strong>{props.user.email}</strong>.
        {state === "sent" ? " A new link is on its way." : state === "failed" ? ` ${message}` : ""}
      </p>
      {state !== "sent" ? (
        <button type="button" class="btn btn-secondary btn-small" disabled={state === "sending"} onClick={() => void resend()}>
          {state === "sending" ? "Sending…" : "Resend link"}
        </button>
      ) : null}
    </div>
  );
}
