import { useEffect, useState } from "hono/jsx/dom";
import { authApi } from "../../api/auth";
import { Notice } from "../../components/feedback";
import { errorMessage } from "../../lib/api";
import { loadSession } from "../../lib/session";
import type { PageProps } from "../../router/routes";

type Result = { kind: "working" } | { kind: "done"; email: string } | { kind: "failed"; message: string } | { kind: "no-token" };

/** The link works once: one page visit posts each token once, even if the page renders again. */
const posted = new Map<string, Promise<{ email: string }>>();

function cancel(token: string): Promise<{ email: string }> {
  let pending = posted.get(token);
  if (!pending) {
    pending = authApi.cancelEmailChange(token);
    posted.set(token, pending);
  }
  return pending;
}

/**
 * `/cancel-email-change?token=…`: the "this wasn't me" link of an email-change notice. Opening it is
 * the one click: it works signed out, cancels (or undoes) the change and signs out every device.
 */
export default function CancelEmailChangePage(props: PageProps) {
  const token = props.query.get("token") ?? "";
  const [result, setResult] = useState<Result>(token ? { kind: "working" } : { kind: "no-token" });

  useEffect(() => {
    if (!token) return;
    let current = true;
    cancel(token)
      .then(({ email }) => {
        // This browser's session (if any) has just ended too.
        void loadSession();
        if (current) setResult({ kind: "done", email });
      })
      .catch((error: unknown) => {
        const message = errorMessage(error);
        if (current) setResult({ kind: "failed", message });
      });
    return () => {
      current = false;
    };
  }, [token]);

  return (
    <div class="auth-page">
      <h1 class="auth-title">This wasn't me</h1>
      {result.kind === "working" ? (
        <p class="auth-subtitle" role="status">
          <span class="spinner" aria-hidden="true" /> Securing your account…
        </p>
      ) : null}
      {result.kind === "done" ? (
        <>
          <Notice tone="success" title="The email change is cancelled">
            Your account's email is {result.email}. We signed out every device, including any live connections. Someone may know your
            password: choose a new one now.
          </Notice>
          <a class="btn btn-primary btn-block" href="/forgot-password">
            Reset your password
          </a>
        </>
      ) : null}
      {result.kind === "failed" ? (
        <>
          <Notice tone="error" title="This link does not work">
            {result.message} The link works once and for 7 days. If you still see a change you did not make, reset your password.
          </Notice>
          <a class="btn btn-primary btn-block" href="/forgot-password">
            Reset your password
          </a>
        </>
      ) : null}
      {result.kind === "no-token" ? (
        <Notice tone="error" title="This link is incomplete">
          Open the link from the email again. If you did not ask to change your email, reset your password.
        </Notice>
      ) : null}
    </div>
  );
}
