import type { LedgerItem } from "../../../../shared/credits";
import { formatCount, formatDateTime } from "../../lib/format";
import { kindLabel, referenceLink, rowAmount } from "./ledger-view";

/** One line of the ledger: what happened, when, the change, and the balance after it. */
export function LedgerRow(props: { item: LedgerItem }) {
  const { item } = props;
  const amount = rowAmount(item);
  const link = referenceLink(item.reference);
  return (
    <li class="ledger-row" data-testid="ledger-row" data-kind={item.kind}>
      <div class="ledger-main">
        <p class="ledger-description">{item.description}</p>
        <p class="ledger-meta">
          <span class="badge">{kindLabel(item)}</span>
          <time dateTime={new Date(item.createdAt).toISOString()}>{formatDateTime(item.createdAt)}</time>
          {link ? (
            <a class="ledger-link" href={link.href}>
              {link.label}
            </a>
          ) : null}
        </p>
      </div>
      <div class="ledger-figures">
        <p class={`ledger-amount ledger-amount-${amount.tone}`}>{amount.text}</p>
        <p class="ledger-after">Balance {formatCount(item.balanceAfter)}</p>
      </div>
    </li>
  );
}
