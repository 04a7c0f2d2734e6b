import type { CreditBalance } from "../../../../shared/credits";
import { CONTACT_EMAIL } from "../../../../shared/policy";
import { Notice } from "../../components/feedback";
import { formatCredits } from "../../lib/format";
import "./standing.css";

/**
 * Why the account cannot start generations, from its balance: a debt left by a refunded or
 * disputed payment (paid off by buying credits), or a review by staff (resolved by contacting
 * support). Mirrors the API's 402 `credit_debt` / `account_flagged` refusals; null when neither.
 */
export type SpendBlock = { code: "credit_debt"; debt: number } | { code: "account_flagged" };

/** The block on this balance, debt first (the server refuses in the same order). */
export function spendBlock(credits: CreditBalance | null): SpendBlock | null {
  if (!credits) return null;
  if (credits.debt > 0) return { code: "credit_debt", debt: credits.debt };
  if (credits.flagged) return { code: "account_flagged" };
  return null;
}

/** One sentence for beside the Generate button. */
export function spendBlockReason(block: SpendBlock): string {
  return block.code === "credit_debt"
    ? `Your account owes ${formatCredits(block.debt)} after a refunded or disputed payment, so new generations are paused.`
    : "Your account is under review after a refunded or disputed payment, so new generations are paused.";
}

const SupportLink = () => <a href={`mailto:${CONTACT_EMAIL}`}>contact support</a>;

/** The way out of a block, as links: Billing for a debt, support for both. */
export function SpendBlockActions(props: { block: SpendBlock }) {
  return props.block.code === "credit_debt" ? (
    <>
      <a href="/billing">Buy credits</a> to pay it off, or <SupportLink />.
    </>
  ) : (
    <>
      Please <SupportLink /> to resolve it.
    </>
  );
}

/** The page-level notice on Credits, Billing and Create: what happened, what it means, what to do. */
export function StandingNotice(props: { credits: CreditBalance | null }) {
  const block = spendBlock(props.credits);
  if (!block) return null;
  if (block.code === "credit_debt") {
    return (
      <div class="standing-notice" data-testid="standing-notice">
        <Notice tone="error" title={`You owe ${formatCredits(block.debt)}`}>
          <p>
            A payment was refunded or disputed after its credits had been used or reserved for generations. The credits that could not be
            taken back are a debt: new credits (a purchase, your subscription, a refunded generation) pay it first, and no new generation
            can start until it is paid.
          </p>
          <p>
            <SpendBlockActions block={block} />
          </p>
        </Notice>
      </div>
    );
  }
  return (
    <div class="standing-notice" data-testid="standing-notice">
      <Notice tone="error" title="Your account is under review">
        <p>
          After a refunded or disputed payment our team is looking at your account. Until then no new generation can start; your credits and
          your gallery are untouched.
        </p>
        <p>
          <SpendBlockActions block={block} />
        </p>
      </Notice>
    </div>
  );
}
