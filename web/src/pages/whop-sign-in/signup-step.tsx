import type { WhopPendingView } from "../../../../shared/whop-sign-in";
import { whopApi } from "../../api/whop";
import { Notice } from "../../components/feedback";
import { Checkbox, Field, SubmitButton } from "../../components/field";
import { checked, text, useApiForm } from "../../lib/form";
import { storedReferral } from "../../lib/referral";

const FIELDS = ["name", "ageConfirmed", "acceptPolicies", "referralCode"] as const;

/**
 * A new person after Whop: the account is made only when they confirm 18+ and accept the policies,
 * as at sign-up. The address is Whop's; the name starts as Whop's and can be changed here.
 */
export function SignupStep(props: { pending: WhopPendingView; onDone: () => Promise<void> }) {
  const referral = storedReferral();
  const form = useApiForm(
    async (data) => {
      const referralCode = text(data, "referralCode").trim();
      await whopApi.signup({
        name: text(data, "name"),
        ageConfirmed: checked(data, "ageConfirmed"),
        acceptPolicies: checked(data, "acceptPolicies"),
        ...(referralCode ? { referralCode } : {}),
      });
      await props.onDone();
    },
    { fields: FIELDS },
  );

  return (
    <div class="auth-page">
      <h1 class="auth-title">Create your account</h1>
      <p class="card-text">
        Signed in with Whop as <span class="whop-email">{props.pending.email}</span>.
      </p>
      <form class="form" method="post" action="/whop-sign-in" noValidate onSubmit={form.onSubmit}>
        {form.formError ? <Notice tone="error" title={form.formError} /> : null}
        <Field
          label="Name"
          name="name"
          autocomplete="name"
          required
          maxLength={100}
          defaultValue={props.pending.name ?? ""}
          error={form.fieldError("name")}
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
        {props.pending.emailVerified ? null : (
          <p class="field-hint">Whop did not confirm this address, so we will email you a link to confirm it.</p>
        )}
        <SubmitButton pending={form.pending} pendingLabel="Creating your account…" class="btn-block">
          Create account
        </SubmitButton>
      </form>
      <p class="auth-note">You sign in with Whop. You can add a password later from Account.</p>
    </div>
  );
}
