import { useState } from "hono/jsx/dom";
import type { UserView } from "../../../shared/auth";
import { api, ApiError } from "../lib/api";

/** Reminds an unverified person to confirm their address, with a resend button. */
export function VerifyBanner(props: { user: UserView }) {
  const [state, setState] = useState<"idle" | "sending" | "sent" | "failed">("idle");
  const [message, setMessage] = useState("");
  if (props.user.emailVerified) return null;

  const resend = async () => {
    setState("sending");
    try {
      await api.post<void>("/api/auth/resend-verification");
      setState("sent");
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : "Could not send the email.");
      setState("failed");
    }
  };

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
