import type { Child } from "hono/jsx";
import { useEffect, useState } from "hono/jsx/dom";
import type { StaffUserDetail } from "../../../../shared/admin-users";
import type { UserView } from "../../../../shared/auth";
import { LEDGER_KIND_LABELS, type LedgerItem } from "../../../../shared/credits";
import { adminUsersApi } from "../../api/admin-users";
import { Skeleton } from "../../components/feedback";
import { type MoreState, ShowOlder } from "../../components/show-older";
import { formatCount, formatDate, formatDateTime, formatRelative } from "../../lib/format";
import { formatMoney, PAYMENT_STATUS_LABELS } from "../billing/format";
import { MoneyActions } from "./money-actions";
import { StaffErrorState } from "./staff-error";
import { type ActionKind, UserActionDialog } from "./user-actions";
import { UserBadges } from "./users";

type Loaded = { kind: "loading" } | { kind: "error"; error: unknown } | { kind: "ready"; detail: StaffUserDetail };

function Card(props: { title: string; children: Child; testId?: string }) {
  return (
    <section class="card admin-card" aria-label={props.title} data-testid={props.testId}>
      <h2 class="card-title">{props.title}</h2>
      {props.children}
    </section>
  );
}

function Facts(props: { rows: [string, Child][] }) {
  return (
    <dl class="admin-facts">
      {props.rows.map(([term, value]) => (
        <div key={term} class="admin-fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const when = (ms: number | null) => (ms === null ? "—" : formatDateTime(ms));
const signed = (n: number) => (n > 0 ? `+${formatCount(n)}` : formatCount(n));

function Ledger(props: { userId: string; first: StaffUserDetail["ledger"] }) {
  const [items, setItems] = useState<LedgerItem[]>(props.first.items);
  const [cursor, setCursor] = useState(props.first.nextCursor);
  const [more, setMore] = useState<MoreState>("idle");
  useEffect(() => {
    setItems(props.first.items);
    setCursor(props.first.nextCursor);
  }, [props.first]);
  const older = async () => {
    if (!cursor) return;
    setMore("loading");
    try {
      const page = await adminUsersApi.ledger(props.userId, cursor);
      setItems((rows) => [...rows, ...page.items]);
      setCursor(page.nextCursor);
      setMore("idle");
    } catch {
      setMore("error");
    }
  };
  if (items.length === 0) return <p class="muted">No credit activity yet.</p>;
  return (
    <>
      <ul class="admin-rows" data-testid="staff-ledger">
        {items.map((row) => (
          <li key={row.id} class="admin-row">
            <span class="admin-row-main">
              <span>{row.description}</span>
              <span class="muted admin-row-sub">
                {LEDGER_KIND_LABELS[row.kind]} · {formatDateTime(row.createdAt)}
                {row.reference ? ` · ${row.reference}` : ""}
              </span>
            </span>
            <span class="admin-row-figure">
              {row.delta !== 0 ? signed(row.delta) : row.heldDelta !== 0 ? `${signed(row.heldDelta)} held` : "0"}
              <span class="muted admin-row-sub">→ {formatCount(row.balanceAfter)}</span>
            </span>
          </li>
        ))}
      </ul>
      {cursor ? <ShowOlder class="admin-more" more={more} failedText="Older rows did not load." onClick={() => void older()} /> : null}
    </>
  );
}

function Profile({ detail }: { detail: StaffUserDetail }) {
  const { profile: p, standing: s } = detail;
  return (
    <div class="admin-columns">
      <Card title="Account">
        <Facts
          rows={[
            ["User id", <code key="id">{p.id}</code>],
            ["Role", p.role],
            ["Email verified", when(p.emailVerifiedAt)],
            ["Joined", when(p.createdAt)],
            ["18+ confirmed", when(p.ageConfirmedAt)],
            ["Referral code", p.referralCode],
            ["Referred by", p.referredBy ? <a href={`/admin/users/${p.referredBy}`}>{p.referredBy}</a> : "—"],
            ["Processing restricted", when(p.processingRestrictedAt)],
            ["Suspended", when(p.suspendedAt)],
            ["Whop user ids", detail.whopUserIds.length ? detail.whopUserIds.join(", ") : "—"],
          ]}
        />
      </Card>
      <Card title="Credits" testId="staff-standing">
        <Facts
          rows={[
            [
              "Available",
              <strong key="a" data-testid="staff-available">
                {formatCount(s.balance.available)}
              </strong>,
            ],
            ["Reserved", formatCount(s.balance.held)],
            ["Owed (debt)", formatCount(s.balance.debt)],
            ["Shortfall (lifetime)", formatCount(s.shortfall)],
            ["Flagged", s.flaggedAt ? `${formatDateTime(s.flaggedAt)} — ${s.flagReason ?? ""}` : "No"],
            [
              "Subscription",
              detail.subscription ? `${detail.subscription.planName ?? "Unknown plan"} · ${detail.subscription.status}` : "None",
            ],
          ]}
        />
      </Card>
    </div>
  );
}

function Activity({ detail }: { detail: StaffUserDetail }) {
  return (
    <>
      <Card title="Ledger">
        <Ledger userId={detail.profile.id} first={detail.ledger} />
      </Card>
      <div class="admin-columns">
        <Card title="Jobs (newest 20)">
          {detail.jobs.length === 0 ? <p class="muted">No generations.</p> : null}
          <ul class="admin-rows">
            {detail.jobs.map((j) => (
              <li key={j.id} class="admin-row">
                <span class="admin-row-main">
                  <span>
                    {j.model} · <span class={`badge${j.status === "failed" ? " badge-danger" : ""}`}>{j.status}</span>
                  </span>
                  <span class="muted admin-row-sub">
                    {formatDateTime(j.createdAt)} · {j.attempts} {j.attempts === 1 ? "attempt" : "attempts"}
                    {j.errorCode ? ` · ${j.errorCode}` : ""}
                  </span>
                </span>
                <span class="admin-row-figure">{formatCount(j.cost)} cr</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Payments and refunds">
          {detail.payments.length === 0 ? <p class="muted">No payments.</p> : null}
          <ul class="admin-rows">
            {detail.payments.map((pay) => (
              <li key={pay.id} class="admin-row">
                <span class="admin-row-main">
                  <span>
                    {pay.planName ?? "Unknown plan"} · {PAYMENT_STATUS_LABELS[pay.status]}
                  </span>
                  <span class="muted admin-row-sub">
                    <code>{pay.id}</code> · {formatDate(pay.paidAt)}
                    {pay.refundedAmount > 0 && pay.currency ? ` · refunded ${formatMoney(pay.refundedAmount, pay.currency)}` : ""}
                    {pay.creditsReversed > 0 ? ` · ${formatCount(pay.creditsReversed)} credits taken back` : ""}
                  </span>
                </span>
                <span class="admin-row-figure">{pay.amount !== null && pay.currency ? formatMoney(pay.amount, pay.currency) : "—"}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <div class="admin-columns">
        <Card title="Live sessions">
          {detail.sessions.length === 0 ? <p class="muted">Signed in nowhere.</p> : null}
          <ul class="admin-rows" data-testid="staff-sessions">
            {detail.sessions.map((session) => (
              <li key={session.id} class="admin-row">
                <span class="admin-row-main">
                  <span>
                    {session.browser ?? "Unknown browser"} on {session.os ?? "unknown system"}
                  </span>
                  <span class="muted admin-row-sub">
                    Signed in {formatDate(session.createdAt)} · last used {formatRelative(session.lastUsedAt)}
                    {session.secondFactor ? " · two-factor" : ""}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Support threads">
          {detail.supportThreads.length === 0 ? <p class="muted">No support threads.</p> : null}
          <ul class="admin-rows">
            {detail.supportThreads.map((t) => (
              <li key={t.id} class="admin-row">
                <span class="admin-row-main">
                  <a href={`/admin/support/${t.id}`}>{t.subject}</a>
                  <span class="muted admin-row-sub">
                    {t.status} · last message {formatRelative(t.lastActivityAt)}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Consents">
          <Facts
            rows={[
              ["Policies accepted", detail.consents.policy.accepted ? `Yes (version ${detail.consents.policy.version})` : "No"],
              ...detail.consents.consents.map((c): [string, Child] => [
                c.purpose.replace(/_/g, " "),
                c.effective ? "On" : c.granted ? "On (restricted)" : "Off",
              ]),
            ]}
          />
        </Card>
      </div>
    </>
  );
}

/** What the signed-in staff member may do here: admins everything, support no credits and no roles. */
function actionsFor(staff: UserView, detail: StaffUserDetail): ActionKind[] {
  if (detail.profile.deletedAt !== null) return [];
  const admin = staff.role === "admin";
  const actions: ActionKind[] = [];
  if (admin) actions.push("credits");
  actions.push("revoke");
  if (admin || detail.profile.role === "user") actions.push(detail.profile.suspendedAt === null ? "suspend" : "unsuspend");
  if (admin) actions.push("role");
  return actions;
}

const ACTION_LABELS: Record<ActionKind, string> = {
  credits: "Adjust credits",
  revoke: "End sessions",
  suspend: "Suspend",
  unsuspend: "Lift suspension",
  role: "Change role",
};

/** A person's page: who they are, their standing and activity, and the actions staff may take. */
export function UserPage(props: { userId: string; staff: UserView }) {
  const [state, setState] = useState<Loaded>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [action, setAction] = useState<ActionKind | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    if (attempt === 0) setState({ kind: "loading" });
    adminUsersApi.detail(props.userId).then(
      (detail) => current && setState({ kind: "ready", detail }),
      (error: unknown) => current && setState({ kind: "error", error }),
    );
    return () => {
      current = false;
    };
  }, [props.userId, attempt]);

  if (state.kind === "loading") return <Skeleton lines={8} />;
  if (state.kind === "error") return <StaffErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} />;
  const { detail } = state;
  const p = detail.profile;
  return (
    <div class="admin-user" data-testid="staff-user-page">
      <a class="admin-back" href="/admin/users">
        ← Find another person
      </a>
      <header class="admin-user-head">
        <div>
          <h2 class="admin-user-name">{p.name}</h2>
          <p class="muted">{p.email}</p>
          <UserBadges
            user={{
              role: p.role,
              suspended: p.suspendedAt !== null,
              flagged: detail.standing.flaggedAt !== null,
              emailVerified: p.emailVerifiedAt !== null,
              deleted: p.deletedAt !== null,
            }}
          />
        </div>
        <div class="admin-user-actions">
          {actionsFor(props.staff, detail).map((kind) => (
            <button
              key={kind}
              type="button"
              class={`btn btn-small ${kind === "suspend" ? "btn-danger" : "btn-secondary"}`}
              onClick={() => {
                setDone(null);
                setAction(kind);
              }}
            >
              {ACTION_LABELS[kind]}
            </button>
          ))}
          <MoneyActions
            staff={props.staff}
            detail={detail}
            onDone={(message) => {
              setDone(message);
              setAttempt((n) => n + 1);
            }}
            onErased={(message) => {
              setDone(message);
              // Shown as deleted, with its actions gone, without asking for a person the purge is erasing.
              setState({ kind: "ready", detail: { ...detail, profile: { ...detail.profile, deletedAt: Date.now() } } });
            }}
          />
        </div>
      </header>
      {done ? (
        <p class="notice notice-success admin-done" role="status">
          {done}
        </p>
      ) : null}
      <Profile detail={detail} />
      <Activity detail={detail} />
      {action ? (
        <UserActionDialog
          kind={action}
          detail={detail}
          onClose={() => setAction(null)}
          onDone={(message) => {
            setAction(null);
            setDone(message);
            setAttempt((n) => n + 1);
          }}
        />
      ) : null}
    </div>
  );
}
