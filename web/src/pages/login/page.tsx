import { useState } from "hono/jsx/dom";
import { authApi } from "../../api/auth";
import { Notice } from "../../components/feedback";
import { Field, SubmitButton } from "../../components/field";
import { WhopSignInButton } from "../../features/whop/sign-in-button";
import { text, useApiForm } from "../../lib/form";
import { completeSignIn } from "../../lib/session";
import { navigate } from "../../router/history";
import { type PageProps, safeNext } from "../../router/routes";
import { PasskeySignIn } from "./passkey-sign-in";
import { SecondFactorStep } from "./second-factor";

/**
 * `/login`: email and password; with two-factor on, then a code from the authenticator app (or a
 * recovery code); afterwards on to `next` (a path on this site) or Create.
 */
export default function LoginPage(props: PageProps) {
  const next = safeNext(props.query.get("next"));
  const [ticket, setTicket] = useState<string | null>(null);
  const finish = () => navigate(next ?? "/create", { replace: true });
  const form = useApiForm(
    async (data) => {
      const answer = await authApi.login({ email: text(data, "email"), password: text(data, "password") });
      if ("ticket" in answer) return answer.ticket;
      await completeSignIn();
      return null;
    },
    { fields: ["email", "password"], onSuccess: (codeTicket) => (codeTicket ? setTicket(codeTicket) : finish()) },
  );

  if (ticket) return <SecondFactorStep ticket={ticket} onSignedIn={finish} onRestart={() => setTicket(null)} />;

  return (
    <div class="auth-page">
      <h1 class="auth-title">Welcome back</h1>
      <p class="auth-subtitle">Sign in to your studio.</p>
      <form class="form" method="post" action="/login" noValidate onSubmit={form.onSubmit}>
        {form.formError ? <Notice tone="error" title={form.formError} /> : null}
        <Field label="Email" name="email" type="email" autocomplete="email" inputMode="email" required error={form.fieldError("email")} />
        <Field
          label="Password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          error={form.fieldError("password")}
        />
        <div class="form-footer">
          <a href="/forgot-password">Forgot password?</a>
        </div>
        <SubmitButton pending={form.pending} pendingLabel="Signing in…" class="btn-block">
          Sign in
        </SubmitButton>
      </form>
      <PasskeySignIn onSignedIn={finish} />
      <WhopSignInButton />
      <p class="auth-switch">
        New to Ausar? <a href="/signup">Create an account</a>
      </p>
    </div>
  );
}
