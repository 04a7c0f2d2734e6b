import { PASSWORD_MIN_LENGTH } from "../../../../shared/password-policy";
import { authApi } from "../../api/auth";
import { Notice } from "../../components/feedback";
import { Checkbox, Field, SubmitButton } from "../../components/field";
import { WhopSignInButton } from "../../features/whop/sign-in-button";
import { checked, text, useApiForm } from "../../lib/form";
import { storedReferral } from "../../lib/referral";
import { completeSignIn } from "../../lib/session";
import { navigate } from "../../router/history";

const FIELDS = ["name", "email", "password", "ageConfirmed", "acceptPolicies", "referralCode"] as const;

/** `/signup`: name, email, password, the 18+ and policy confirmations, an optional referral code. */
export default function SignupPage() {
  const referral = storedReferral();
  const form = useApiForm(
    async (data) => {
      const referralCode = text(data, "referralCode").trim();
      await authApi.signup({
        name: text(data, "name"),
        email: text(data, "email"),
        password: text(data, "password"),
        ageConfirmed: checked(data, "ageConfirmed"),
        acceptPolicies: checked(data, "acceptPolicies"),
        ...(referralCode ? { referralCode } : {}),
      });
      await completeSignIn();
    },
    {
      fields: FIELDS,
      codeFields: { email_taken: "email", weak_password: "password" },
      onSuccess: () => navigate("/create", { replace: true }),
    },
  );

  return (
    <div class="auth-page">
      <h1 class="auth-title">Create your account</h1>
      <p class="auth-subtitle">Free credits to start. No card needed.</p>
      <form class="form" method="post" action="/signup" noValidate onSubmit={form.onSubmit}>
        {form.formError ? <Notice tone="error" title={form.formError} /> : null}
        <Field label="Name" name="name" autocomplete="name" required maxLength={100} error={form.fieldError("name")} />
        <Field label="Email" name="email" type="email" autocomplete="email" inputMode="email" required error={form.fieldError("email")} />
        <Field
          label="Password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong one; we check it against common passwords when you submit.`}
          error={form.fieldError("password")}
        />
        <Field
          label="Referral code (optional)"
          name="referralCode"
          autocomplete="off"
          maxLength={32}
          defaultValue={referral}
          error={form.fieldError("referralCode")}
        />
        <Checkbox name="ageConfirmed" label="I am 18 or older" required error={form.fieldError("ageConfirmed")} />
        <Checkbox
          name="acceptPolicies"
          required
          error={form.fieldError("acceptPolicies")}
          label={
            <>
              I accept the{" "}
              <a href="/terms" target="_blank" rel="noopener">
                Terms
              </a>{" "}
              and the{" "}
              <a href="/privacy" target="_blank" rel="noopener">
                Privacy Policy
              </a>
            </>
          }
        />
        <SubmitButton pending={form.pending} pendingLabel="Creating your account…" class="btn-block">
          Create account
        </SubmitButton>
      </form>
      <WhopSignInButton divider />
      <p class="auth-note" data-testid="ai-disclosure">
        Everything Ausar makes is AI-generated, and each file says so in its metadata (IPTC digital source type).
      </p>
      <p class="auth-switch">
        Already have an account? <a href="/login">Sign in</a>
      </p>
    </div>
  );
}
