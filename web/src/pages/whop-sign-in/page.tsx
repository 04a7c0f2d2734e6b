import { WHOP_START, whopApi } from "../../api/whop";
import { Notice, Skeleton } from "../../components/feedback";
import { useResource } from "../../lib/resource";
import { completeSignIn } from "../../lib/session";
import { navigate } from "../../router/history";
import type { PageProps } from "../../router/routes";
import { CodeStep } from "./code-step";
import { LinkStep } from "./link-step";
import { UNKNOWN_REFUSAL, WHOP_REFUSALS } from "./reasons";
import { SignupStep } from "./signup-step";

/** A refusal, said plainly, with the way back. */
function Refused(props: { reason: string }) {
  const { title, body } = WHOP_REFUSALS[props.reason] ?? UNKNOWN_REFUSAL;
  return (
    <div class="auth-page">
      <h1 class="auth-title">Sign in with Whop</h1>
      <Notice tone="error" title={title}>
        <p>{body}</p>
        <p>Nothing was created or connected.</p>
      </Notice>
      <a class="btn btn-primary btn-block" href={WHOP_START}>
        Try Sign in with Whop again
      </a>
      <p class="auth-switch">
        <a href="/login">Sign in with email</a> · <a href="/signup">Create an account</a>
      </p>
    </div>
  );
}

/**
 * `/whop-sign-in`: where the Worker sends the browser back from Whop when something is still owed —
 * a new person's 18+ and policy confirmation, an existing account's password (once, to connect Whop),
 * or a two-factor code — or, with `?error=`, why the sign-in was refused.
 */
export default function WhopSignInPage(props: PageProps) {
  const reason = props.query.get("error");
  const [pending] = useResource(() => (reason ? Promise.resolve(null) : whopApi.pending()));
  if (reason) return <Refused reason={reason} />;
  const finish = async () => {
    await completeSignIn();
    navigate("/create", { replace: true });
  };
  if (pending.kind === "loading") return <Skeleton lines={4} />;
  if (pending.kind === "error" || !pending.value) return <Refused reason="not_started" />;
  const step = pending.value;
  if (step.step === "sign_up") return <SignupStep pending={step} onDone={finish} />;
  if (step.step === "link") return <LinkStep pending={step} onDone={finish} />;
  return <CodeStep onDone={finish} />;
}
