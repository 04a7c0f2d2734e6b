import { useState } from "hono/jsx/dom";
import { authApi } from "../api/auth";
import { errorMessage } from "./api";

export type ResendState = "idle" | "sending" | "sent" | "failed";

/** Asks the API to email a new verification link; `message` says why it failed. */
export function useResendVerification() {
  const [state, setState] = useState<ResendState>("idle");
  const [message, setMessage] = useState("");
  const resend = async () => {
    setState("sending");
    try {
      await authApi.resendVerification();
      setState("sent");
    } catch (error) {
      setMessage(errorMessage(error, "Could not send the email."));
      setState("failed");
    }
  };
  return { state, message, resend };
}
