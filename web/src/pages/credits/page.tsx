import { useEffect, useState } from "hono/jsx/dom";
import type { LedgerItem } from "../../../../shared/credits";
import { creditsApi } from "../../api/credits";
import { EmptyState, ErrorState, PageHeader, Skeleton } from "../../components/feedback";
import { CoinIcon } from "../../components/icons";
import { type MoreState, ShowOlder } from "../../components/show-older";
import { StandingNotice } from "../../features/account-standing/standing";
import { errorMessage } from "../../lib/api";
import { formatCount } from "../../lib/format";
import { subscribe } from "../../lib/live";
import { sessionStore } from "../../lib/session";
import { useStore } from "../../lib/store";
import { ledgerEntries } from "./ledger-entries";
import { LedgerLine } from "./ledger-row";
import { mergeNewest } from "./ledger-view";
import "./credits.css";

const PAGE_SIZE = 50;

type Ledger =
  | { kind: "loading" }
  | { kind: "error"; message: string }
  | { kind: "ready"; items: LedgerItem[]; nextCursor: string | null; more: MoreState };

const fetchPage = (cursor?: string) => creditsApi.ledger(PAGE_SIZE, cursor);

/** Available, reserved and (when a refund or dispute left one) owed credits, live from the header's balance. */
function BalanceSummary() {
  const session = useStore(sessionStore);
  const credits = session.status === "signed-in" ? session.credits : null;
  return (
    <>
      <StandingNotice credits={credits} />
      <div class="credit-summary" aria-live="polite">
        <div class="card credit-figure">
          <p class="figure-label">Available</p>
          <p class="figure-value">{credits ? formatCount(credits.available) : "—"}</p>
        </div>
        <div class="card credit-figure">
          <p class="figure-label">Reserved</p>
          <p class="figure-value">{credits ? formatCount(credits.held) : "—"}</p>
          <p class="credit-figure-note">Held for generations in progress; returned if one fails.</p>
        </div>
        {credits && credits.debt > 0 ? (
          <div class="card credit-figure credit-figure-owed" data-testid="credit-debt">
            <p class="figure-label">Owed</p>
            <p class="figure-value">{formatCount(credits.debt)}</p>
            <p class="credit-figure-note">Left by a refunded or disputed payment; new credits pay it first.</p>
          </div>
        ) : null}
      </div>
    </>
  );
}

/** `/credits`: the balance and the ledger, newest first, with new rows appearing as they happen. */
export default function CreditsPage() {
  const [ledger, setLedger] = useState<Ledger>({ kind: "loading" });

  const loadFirst = () => {
    setLedger({ kind: "loading" });
    fetchPage()
      .then((page) => setLedger({ kind: "ready", items: page.items, nextCursor: page.nextCursor, more: "idle" }))
      .catch((error: unknown) => setLedger({ kind: "error", message: errorMessage(error) }));
  };

  const loadMore = (cursor: string) => {
    setLedger((s) => (s.kind === "ready" ? { ...s, more: "loading" } : s));
    fetchPage(cursor)
      .then((page) =>
        setLedger((s) =>
          s.kind === "ready" ? { kind: "ready", items: [...s.items, ...page.items], nextCursor: page.nextCursor, more: "idle" } : s,
        ),
      )
      .catch(() => setLedger((s) => (s.kind === "ready" ? { ...s, more: "error" } : s)));
  };

  useEffect(loadFirst, []);
  // Every change to the balance is a new ledger row: fetch the first page and put new rows on top.
  useEffect(
    () =>
      subscribe("credits", () => {
        fetchPage()
          .then((page) => setLedger((s) => (s.kind === "ready" ? { ...s, items: mergeNewest(s.items, page.items) } : s)))
          .catch(() => undefined); // the list stays as it is; the next change or a reload catches up
      }),
    [],
  );

  return (
    <div class="page">
      <PageHeader
        title="Credits"
        description="Your balance and every change to it."
        actions={
          <a class="btn btn-primary" href="/billing">
            Buy credits
          </a>
        }
      />
      <BalanceSummary />
      <section class="card ledger" aria-labelledby="ledger-title">
        <h2 id="ledger-title" class="card-title">
          Ledger
        </h2>
        {ledger.kind === "loading" ? <Skeleton lines={5} /> : null}
        {ledger.kind === "error" ? <ErrorState message={ledger.message} onRetry={loadFirst} /> : null}
        {ledger.kind === "ready" && ledger.items.length === 0 ? (
          <EmptyState
            icon={<CoinIcon size={28} />}
            title="No credit activity yet"
            text="Credits you receive and spend appear here."
            action={{ label: "Buy credits", href: "/billing" }}
          />
        ) : null}
        {ledger.kind === "ready" && ledger.items.length > 0 ? (
          <ul class="ledger-list">
            {ledgerEntries(ledger.items).map((entry) => (
              <LedgerLine key={entry.kind === "row" ? entry.item.id : entry.reference} entry={entry} />
            ))}
          </ul>
        ) : null}
        {ledger.kind === "ready" && ledger.nextCursor ? (
          <ShowOlder
            class="ledger-more"
            more={ledger.more}
            failedText="Those rows did not load."
            onClick={() => ledger.nextCursor && loadMore(ledger.nextCursor)}
          />
        ) : null}
      </section>
    </div>
  );
}
