import { ErrorState } from "../../components/feedback";
import { ShieldIcon } from "../../components/icons";
import { ApiError, errorMessage } from "../../lib/api";

/** Whether a failed console call asks for two-factor sign-in first. */
function needsSecondFactor(error: unknown): boolean {
  return error instanceof ApiError && error.code === "second_factor_required";
}

/** The "turn on two-factor first" state every console section shows instead of an error. */
function SecondFactorState() {
  return (
    <div class="state admin-second-factor" role="status" data-testid="admin-second-factor">
      <ShieldIcon size={28} />
      <p class="state-title">Turn on two-factor sign-in first</p>
      <p class="state-text">
        The staff console opens only for staff who sign in with a code or a passkey. Turn on two-factor in Account → Security (staff keep
        it: destructive actions ask for a code, or a passkey instead), then sign in again with your code or a passkey.
      </p>
      <a class="btn btn-primary" href="/account#security">
        Open Account → Security
      </a>
    </div>
  );
}

/** A console call's failure: the two-factor state when that is the reason, otherwise an inline error with retry. */
export function StaffErrorState(props: { error: unknown; onRetry?: () => void; title?: string }) {
  if (needsSecondFactor(props.error)) return <SecondFactorState />;
  return <ErrorState title={props.title} message={errorMessage(props.error)} onRetry={props.onRetry} />;
}
