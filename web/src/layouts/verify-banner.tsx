import type { UserView } from "../../../shared/auth";
import { useResendVerification } from "../lib/resend-verification";

/** Loopback hosts: only a local development server runs there (the outbox route answers nowhere else either). */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Reminds an unverified person to confirm their address (the welcome credits wait for it), with a
 * resend button. On a local development server it also links straight to the email in the
 * development outbox, so trying Ausar out needs no mail server; production never shows that link.
 */
export function VerifyBanner(props: { user: UserView }) {
  const { state, message, resend } = useResendVerification();
  if (props.user.emailVerified) return null;

  return (
    <div class="banner" role="status">
      <p>
        Confirm your email address to get your free credits: we sent a link to <strong>{props.user.email}</strong>.
        {LOCAL_HOSTS.has(location.hostname) ? (
          <>
            {" "}
            <a href={`/api/dev/emails/verification?to=${encodeURIComponent(props.user.email)}`}>Open it in the development outbox</a>.
          </>
        ) : null}
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
