import { useEffect, useState } from "hono/jsx/dom";
import { WHOP_START, whopApi } from "../../api/whop";

/**
 * "Sign in with Whop" under the sign-in and sign-up forms, shown only when the server has it set
 * up. A plain link: the Worker answers it with a redirect to Whop, so it works without scripts too.
 * `divider` puts an "or" above it (the sign-up page; on sign-in it sits among the other ways in).
 */
export function WhopSignInButton(props: { divider?: boolean }) {
  const [enabled, setEnabled] = useState(false);
  useEffect(() => {
    whopApi
      .enabled()
      .then(setEnabled)
      .catch(() => setEnabled(false));
  }, []);
  if (!enabled) return null;
  return (
    <div class="auth-alternative">
      {props.divider ? (
        <p class="auth-divider">
          <span>or</span>
        </p>
      ) : null}
      <a class="btn btn-secondary btn-block" href={WHOP_START}>
        Sign in with Whop
      </a>
    </div>
  );
}
