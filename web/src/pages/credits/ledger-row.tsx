import type { LedgerItem } from "../../../../shared/credits";
import { formatCount, formatDateTime } from "../../lib/format";
import type { LedgerEntry } from "./ledger-entries";
import { jobAmount, kindLabel, referenceLink, rowAmount } from "./ledger-view";

type JobEntry = Extract<LedgerEntry, { kind: "job" }>;

const JOB_STATE_LABELS: Record<JobEntry["state"], string> = { reserved: "Reserved", charged: "Charged", refunded: "Refunded" };

function When(props: { at: number }) {
  return <time dateTime={new Date(props.at).toISOString()}>{formatDateTime(props.at)}</time>;
}

function ReferenceLink(props: { reference: string | null }) {
  const link = referenceLink(props.reference);
  return link ? (
    <a class="ledger-link" href={link.href}>
      {link.label}
    </a>
  ) : null;
}

function Figures(props: { amount: ReturnType<typeof rowAmount>; balanceAfter: number; note?: string }) {
  return (
    <div class="ledger-figures">
      <p class={`ledger-amount ledger-amount-${props.amount.tone}`}>{props.amount.text}</p>
      {props.note ? <p class="ledger-after">{props.note}</p> : null}
      <p class="ledger-after">Balance {formatCount(props.balanceAfter)}</p>
    </div>
  );
}

/** One line of the ledger: what happened, when, the change, and the balance after it. */
function SingleRow(props: { item: LedgerItem }) {
  const { item } = props;
  return (
    <li class="ledger-row" data-testid="ledger-row" data-kind={item.kind}>
      <div class="ledger-main">
        <p class="ledger-description">{item.description}</p>
        <p class="ledger-meta">
          <span class="badge">{kindLabel(item)}</span>
          <When at={item.createdAt} />
          <ReferenceLink reference={item.reference} />
        </p>
      </div>
      <Figures amount={rowAmount(item)} balanceAfter={item.balanceAfter} />
    </li>
  );
}

/** A generation's credits on one line (reserved → charged or refunded), its rows one click away. */
function JobLine(props: { entry: JobEntry }) {
  const { entry } = props;
  const newest = entry.items[0]!;
  const oldest = entry.items.at(-1)!;
  return (
    <li class="ledger-row ledger-row-job" data-testid="ledger-row" data-kind="job" data-state={entry.state}>
      <div class="ledger-main">
        <p class="ledger-description">{oldest.description}</p>
        <p class="ledger-meta">
          <span class={`badge ledger-state-${entry.state}`}>{JOB_STATE_LABELS[entry.state]}</span>
          <When at={newest.createdAt} />
          <ReferenceLink reference={entry.reference} />
        </p>
        <details class="ledger-detail">
          <summary>
            {entry.items.length} ledger {entry.items.length === 1 ? "row" : "rows"}
          </summary>
          <ul class="ledger-detail-rows">
            {entry.items.map((item) => (
              <li key={item.id} data-testid="ledger-detail-row" data-kind={item.kind}>
                <span class="badge">{kindLabel(item)}</span>
                <When at={item.createdAt} />
                <span>{rowAmount(item).text}</span>
              </li>
            ))}
          </ul>
        </details>
      </div>
      <Figures
        amount={jobAmount(entry)}
        balanceAfter={newest.balanceAfter}
        note={entry.state === "charged" && entry.returned > 0 ? `${formatCount(entry.returned)} returned` : undefined}
      />
    </li>
  );
}

/** A line of the ledger: a single row, or a generation's rows together. */
export function LedgerLine(props: { entry: LedgerEntry }) {
  return props.entry.kind === "row" ? <SingleRow item={props.entry.item} /> : <JobLine entry={props.entry} />;
}
