import { useState } from "hono/jsx/dom";
import type { ReferralSummary } from "../../../../shared/billing";
import { formatCount } from "../../lib/format";

/** The referral link with a copy button, the bonus terms, and what the link has earned so far. */
export function ReferralCard(props: { referrals: ReferralSummary }) {
  const r = props.referrals;
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const copy = () => {
    navigator.clipboard
      .writeText(r.link)
      .then(() => setCopied("copied"))
      .catch(() => setCopied("failed"));
  };
  return (
    <div class="referral">
      <p class="muted">
        When someone signs up with your link and makes their first purchase, you get {formatCount(r.bonus.referrer)} credits and they get{" "}
        {formatCount(r.bonus.referred)}. If that purchase is refunded, your bonus is taken back.
      </p>
      <label class="field-label" for="referral-link">
        Your referral link
      </label>
      <div class="row referral-link-row">
        <input
          id="referral-link"
          class="input referral-link"
          type="text"
          readonly
          value={r.link}
          onFocus={(e: FocusEvent) => (e.target as HTMLInputElement).select()}
        />
        <button type="button" class="btn btn-secondary" onClick={copy}>
          Copy link
        </button>
      </div>
      <p class="referral-copied muted" role="status">
        {copied === "copied" ? "Link copied." : copied === "failed" ? "Copy did not work; select the link and copy it." : ""}
      </p>
      <dl class="referral-stats">
        <div>
          <dt>Signed up</dt>
          <dd>{formatCount(r.signedUp)}</dd>
        </div>
        <div>
          <dt>Made a purchase</dt>
          <dd>{formatCount(r.rewarded)}</dd>
        </div>
        <div>
          <dt>Credits earned</dt>
          <dd>{formatCount(r.creditsEarned)}</dd>
        </div>
      </dl>
    </div>
  );
}
