import type { Child } from "hono/jsx";
import { useEffect, useState } from "hono/jsx/dom";
import type { AdminOverview, DayWeek } from "../../../../shared/admin-overview";
import { answer, client } from "../../api/client";
import { Skeleton } from "../../components/feedback";
import { formatCount, formatDateTime, formatRelative } from "../../lib/format";
import { formatMoney } from "../billing/format";
import { StaffErrorState } from "./staff-error";

type Loaded = { kind: "loading" } | { kind: "error"; error: unknown } | { kind: "ready"; overview: AdminOverview };

/** One figure: the last 24 hours large, the last 7 days beside it. */
function Tile(props: { label: string; value: Child; note?: Child; tone?: "warning"; href?: string; testId?: string }) {
  const body = (
    <>
      <p class="figure-label">{props.label}</p>
      <p class="figure-value">{props.value}</p>
      {props.note ? <p class="admin-tile-note">{props.note}</p> : null}
    </>
  );
  const cls = `card admin-tile${props.tone ? ` admin-tile-${props.tone}` : ""}`;
  return props.href ? (
    <a class={`${cls} admin-tile-link`} href={props.href} data-testid={props.testId}>
      {body}
    </a>
  ) : (
    <div class={cls} data-testid={props.testId}>
      {body}
    </div>
  );
}

const dayWeek = (label: string, figure: DayWeek, testId?: string) => (
  <Tile label={label} value={formatCount(figure.day)} note={`${formatCount(figure.week)} in 7 days`} testId={testId} />
);

/** "/gallery 120 · /create 80 · /history 12" */
const topList = (items: { name: string; count: number }[]) =>
  items.length === 0 ? "Nothing counted yet" : items.map((item) => `${item.name} ${formatCount(item.count)}`).join(" · ");

function Group(props: { title: string; children: Child }) {
  return (
    <section class="admin-group" aria-label={props.title}>
      <h2 class="admin-group-title">{props.title}</h2>
      <div class="admin-tiles">{props.children}</div>
    </section>
  );
}

function Figures({ o }: { o: AdminOverview }) {
  const { generations: g, jobs, dataRequests: dr } = o;
  return (
    <>
      <p class="muted admin-asof">Last 24 hours, with the last 7 days below each figure · counted {formatDateTime(o.at)}</p>
      <Group title="People and generations">
        {dayWeek("Sign-ups", o.signups, "overview-signups")}
        {dayWeek("Generations succeeded", g.succeeded)}
        {dayWeek("Generations failed", g.failed)}
        {dayWeek("Generations canceled", g.canceled)}
      </Group>
      <Group title="Credits and money">
        {dayWeek("Credits granted", o.credits.granted)}
        {dayWeek("Credits spent", o.credits.spent)}
        {dayWeek("Staff adjustments (net)", o.credits.adjusted)}
        {o.revenue.length === 0 ? <Tile label="Revenue" value="—" note="No payments in 7 days" /> : null}
        {o.revenue.map((r) => (
          <Tile
            key={r.currency}
            label={`Revenue ${r.currency}`}
            value={formatMoney(r.day.grossMinor, r.currency)}
            note={`${formatMoney(r.week.grossMinor, r.currency)} in 7 days · ${formatMoney(r.week.refundedMinor, r.currency)} refunded`}
          />
        ))}
      </Group>
      <Group title="Usage (anonymous daily counts, UTC)">
        <Tile
          label="Page views today"
          value={formatCount(o.usage.pageViews.day)}
          note={`${formatCount(o.usage.pageViews.week)} in 7 days`}
        />
        <Tile
          label="Features used today"
          value={formatCount(o.usage.features.day)}
          note={`${formatCount(o.usage.features.week)} in 7 days`}
        />
        <Tile label="Most visited in 7 days" value={o.usage.topPages[0]?.name ?? "—"} note={topList(o.usage.topPages)} />
        <Tile label="Most used features in 7 days" value={o.usage.topFeatures[0]?.name ?? "—"} note={topList(o.usage.topFeatures)} />
      </Group>
      <Group title="Operations">
        <Tile
          label="Jobs in flight"
          value={formatCount(jobs.inFlight.queued + jobs.inFlight.running)}
          note={`${formatCount(jobs.inFlight.queued)} queued · ${formatCount(jobs.inFlight.running)} running`}
        />
        <Tile
          label="Stuck jobs"
          value={formatCount(jobs.stuck.count)}
          tone={jobs.stuck.count > 0 ? "warning" : undefined}
          href="/admin/jobs?status=stuck"
          testId="overview-stuck"
          note={
            jobs.stuck.oldestDeadlineAt !== null
              ? `Past deadline since ${formatRelative(jobs.stuck.oldestDeadlineAt)}`
              : "Past their deadline (the sweeper fails them)"
          }
        />
        <Tile
          label="Dead letters"
          value={formatCount(jobs.deadLettered)}
          tone={jobs.deadLettered > 0 ? "warning" : undefined}
          href="/admin/jobs?status=dead_letter"
          note="Waiting to be requeued"
        />
        <Tile
          label="Support threads waiting for us"
          value={formatCount(o.support.open.underDay + o.support.open.oneToThreeDays + o.support.open.overThreeDays)}
          tone={o.support.open.overThreeDays > 0 ? "warning" : undefined}
          href="/admin/support"
          testId="overview-support"
          note={`${formatCount(o.support.open.underDay)} under a day · ${formatCount(o.support.open.oneToThreeDays)} 1–3 days · ${formatCount(o.support.open.overThreeDays)} older`}
        />
        <Tile
          label="Data requests overdue"
          value={formatCount(dr.overdue)}
          tone={dr.overdue > 0 ? "warning" : undefined}
          href="/admin/data-requests"
          note={`${formatCount(dr.dueSoon)} due within 7 days · ${formatCount(dr.open)} open`}
        />
      </Group>
    </>
  );
}

/** Overview: the last day's and week's figures, counted from D1 when the section opens. */
export default function OverviewSection() {
  const [state, setState] = useState<Loaded>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ kind: "loading" });
    answer(client.api.admin.overview.$get()).then(
      (overview) => current && setState({ kind: "ready", overview }),
      (error: unknown) => current && setState({ kind: "error", error }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  if (state.kind === "loading") return <Skeleton lines={6} />;
  if (state.kind === "error") return <StaffErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} />;
  return (
    <div class="admin-overview">
      <div class="admin-toolbar">
        <button type="button" class="btn btn-secondary btn-small" onClick={() => setAttempt((n) => n + 1)}>
          Refresh
        </button>
      </div>
      <Figures o={state.overview} />
    </div>
  );
}
