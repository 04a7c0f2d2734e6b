import { useEffect, useState } from "hono/jsx/dom";
import type { UserView } from "../../../../shared/auth";
import { authApi } from "../../api/auth";
import { Notice } from "../../components/feedback";
import { ApiError, errorMessage } from "../../lib/api";
import { useResendVerification } from "../../lib/resend-verification";
import { sessionStore, updateUser } from "../../lib/session";
import { useStore } from "../../lib/store";
import type { PageProps } from "../../router/routes";

type Result = { kind: "checking" } | { kind: "verified"; already: boolean } | { kind: "failed"; message: string } | { kind: "no-token" };

/** Tokens are single use: one page visit posts each token once, even if the page renders again. */
const posted = new Map<string, Promise<UserView>>();

function verify(token: string): Promise<UserView> {
  let pending = posted.get(token);
  if (!pending) {
    pending = authApi.verifyEmail(token).then((body) => body.user);
    posted.set(token, pending);
  }
  return pending;
}

function Resend() {
  const { state, message, resend } = useResendVerification();
  if (state === "sent") return <Notice tone="success" title="A new link is on its way" />;
  return (
    <div class="form">
      {state === "failed" ? <Notice tone="error" title={message} /> : null}
      <button type="button" class="btn btn-primary btn-block" disabled={state === "sending"} onClick={() => void resend()}>
        {state === "sending" ? "Sending…" : "Send a new link"}
      </button>
    </div>
  );
}

/** `/verify-email?token=…`: confirms the address from the emailed link, and offers a new link when signed in. */
export default function VerifyEmailPage(props: PageProps) {
  const token = props.query.get("token") ?? "";
  const session = useStore(sessionStore);
  const signedIn = session.status === "signed-in";
  const [result, setResult] = useState<Result>(token ? { kind: "checking" } : { kind: "no-token" });

  useEffect(() => {
    if (!token) return;
    let current = true;
    verify(token)
      .then((user) => {
        updateUser(user);
        if (current) setResult({ kind: "verified", already: false });
      })
      .catch((error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError && error.code === "already_verified") setResult({ kind: "verified", already: true });
        else setResult({ kind: "failed", message: errorMessage(error) });
      });
    return () => {
      current = false;
    };
  }, [token]);

  return (
    <div class="auth-page">
      <h1 class="auth-title">Verify your email</h1>
      {result.kind === "checking" ? (
        <p class="auth-subtitle" role="status">
          <span class="spinner" aria-hidden="true" /> Checking your link…
        </p>
      ) : null}
      {result.kind === "verified" ? (
        <>
          <Notice tone="success" title={result.already ? "Already verified" : "Your email address is verified"}>
            {result.already ? "This link was used before; your address is confirmed." : "Thank you."} You can use every part of Ausar.
          </Notice>
          <a class="btn btn-primary btn-block" href={signedIn ? "/create" : "/login"}>
            {signedIn ? "Go to Create" : "Sign in"}
          </a>
        </>
      ) : null}
      {result.kind === "failed" ? (
        <>
          <Notice tone="error" title="This link does not work">
            {result.message} Links expire and can be used once.
          </Notice>
          {signedIn ? (
            <Resend />
          ) : (
            <p class="auth-switch">
              Sign in to get a new link. <a href="/login?next=%2Fverify-email">Sign in</a>
            </p>
          )}
        </>
      ) : null}
      {result.kind === "no-token" ? (
        <>
          <p class="auth-subtitle">Open the link we emailed you to confirm your address.</p>
          {signedIn ? (
            <Resend />
          ) : (
            <p class="auth-switch">
              <a href="/login?next=%2Fverify-email">Sign in</a> to get a new link.
            </p>
          )}
        </>
      ) : null}
    </div>
  );
}
