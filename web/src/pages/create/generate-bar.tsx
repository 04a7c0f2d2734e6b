import { type SpendBlock, SpendBlockActions, spendBlockReason } from "../../features/account-standing/standing";
import { formatCredits } from "../../lib/format";

export interface GenerateBarProps {
  cost: number;
  /** The spendable balance, or null while it is not known. */
  available: number | null;
  pending: boolean;
  /** Why the form cannot be sent yet (empty prompt…), shown beside the disabled button. */
  blocked: string | null;
  /** A debt or a review that pauses generation: the button is disabled and says why and what to do. */
  standing?: SpendBlock | null;
}

/**
 * The cost preview and the Generate button, which states the exact price. With an empty prompt, or
 * short of credits (with the way to Billing), the button is disabled and says why. It stays enabled
 * while a request is on its way (busy), so focus never drops to the page.
 */
export function GenerateBar(props: GenerateBarProps) {
  const standing = props.standing ?? null;
  const short = !standing && props.available !== null && props.cost > props.available;
  const reason = standing
    ? spendBlockReason(standing)
    : short
      ? `You need ${formatCredits(props.cost - props.available!)} more.`
      : props.blocked;
  const hint = "Charged only if it succeeds.";
  return (
    <div class="generate-bar">
      <div class="generate-cost">
        <p id="generate-cost" class="generate-price">
          Costs {formatCredits(props.cost)}
          {props.available !== null ? <span class="muted generate-available"> · {formatCredits(props.available)} available</span> : null}
        </p>
        {/* The reason and the hint share one cell and its height, so nothing moves when typing starts. */}
        <div class="generate-note">
          <p class={`muted generate-hint${reason ? " generate-note-off" : ""}`} aria-hidden={reason ? "true" : undefined}>
            {hint}
          </p>
          {reason ? (
            <p id="generate-reason" class={short || standing ? "generate-short" : "muted"} data-testid="generate-reason">
              {reason}
              {short ? (
                <>
                  {" "}
                  <a href="/billing">Buy credits</a>
                </>
              ) : null}
              {standing ? (
                <>
                  {" "}
                  <SpendBlockActions block={standing} />
                </>
              ) : null}
            </p>
          ) : null}
        </div>
      </div>
      <button
        type="submit"
        class="btn btn-primary btn-large generate-button"
        aria-describedby={reason ? "generate-cost generate-reason" : "generate-cost"}
        disabled={props.blocked !== null || short || standing !== null}
        aria-busy={props.pending ? "true" : undefined}
      >
        <span>Generate · {formatCredits(props.cost)}</span>
      </button>
    </div>
  );
}
