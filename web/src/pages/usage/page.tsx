import { useEffect, useState } from "hono/jsx/dom";
import { USAGE_RETENTION_MONTHS, type UsageDay, type UsageResponse, type UsageTotals } from "../../../../shared/usage";
import { usageApi } from "../../api/usage";
import { ErrorState, PageHeader, Skeleton } from "../../components/feedback";
import { errorMessage } from "../../lib/api";
import { formatCount, formatDate, formatDateTime } from "../../lib/format";
import type { Resource } from "../../lib/resource";
import { UsageChart } from "./chart";
import { eventLabel } from "./event-labels";
import "./usage.css";

const PERIODS = [7, 30, 90] as const;
type Period = (typeof PERIODS)[number];

const TOTALS: { key: keyof UsageTotals; label: string }[] = [
  { key: "credits", label: "Credits spent" },
  { key: "generations", label: "Generations" },
  { key: "images", label: "Images" },
  { key: "videoSeconds", label: "Seconds of video" },
];

const dayLabel = (day: string) => {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return formatDate(new Date(y, m - 1, d).getTime());
};

function MonthCompare(props: { thisMonth: UsageTotals; lastMonth: UsageTotals }) {
  return (
    <section class="card" aria-labelledby="usage-month-title">
      <h2 id="usage-month-title" class="card-title">
        This month
      </h2>
      <dl class="usage-stats">
        {TOTALS.map(({ key, label }) => (
          <div key={key} class="usage-stat">
            <dt>{label}</dt>
            <dd class="usage-stat-value">{formatCount(props.thisMonth[key])}</dd>
            <dd class="usage-stat-before">Last month: {formatCount(props.lastMonth[key])}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function DaysTable(props: { days: UsageDay[] }) {
  return (
    <div class="table-scroll">
      <table class="data-table">
        <caption class="visually-hidden">Credits spent and generations per day, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col" class="num">
              Credits
            </th>
            <th scope="col" class="num">
              Generations
            </th>
            <th scope="col" class="num">
              Images
            </th>
            <th scope="col" class="num">
              Seconds of video
            </th>
          </tr>
        </thead>
        <tbody>
          {[...props.days].reverse().map((day) => (
            <tr key={day.day}>
              <th scope="row">{dayLabel(day.day)}</th>
              <td class="num" data-label="Credits">
                {formatCount(day.credits)}
              </td>
              <td class="num" data-label="Generations">
                {formatCount(day.generations)}
              </td>
              <td class="num" data-label="Images">
                {formatCount(day.images)}
              </td>
              <td class="num" data-label="Seconds of video">
                {formatCount(day.videoSeconds)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PerDay(props: { days: UsageDay[]; period: Period }) {
  const spent = props.days.some((day) => day.generations > 0);
  return (
    <section class="card" aria-labelledby="usage-days-title">
      <h2 id="usage-days-title" class="card-title">
        Per day
      </h2>
      {spent ? (
        <figure class="usage-figure">
          <UsageChart days={props.days} />
          <figcaption class="card-text">
            Credits spent (bars) and generations (line) on each of the last {props.period} days. The table below has the same numbers.
          </figcaption>
        </figure>
      ) : (
        <p class="card-text">Nothing generated in the last {props.period} days.</p>
      )}
      <details class="usage-table">
        <summary>Show as a table</summary>
        <DaysTable days={props.days} />
      </details>
    </section>
  );
}

function TopModels(props: { models: UsageResponse["topModels"]; period: Period }) {
  return (
    <section class="card" aria-labelledby="usage-models-title">
      <h2 id="usage-models-title" class="card-title">
        Top models
      </h2>
      {props.models.length === 0 ? (
        <p class="card-text">No model used in the last {props.period} days.</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table">
            <caption class="visually-hidden">Models by credits spent in the last {props.period} days</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" class="num">
                  Generations
                </th>
                <th scope="col" class="num">
                  Credits
                </th>
              </tr>
            </thead>
            <tbody>
              {props.models.map((model) => (
                <tr key={model.model}>
                  <th scope="row">{model.model}</th>
                  <td class="num" data-label="Generations">
                    {formatCount(model.generations)}
                  </td>
                  <td class="num" data-label="Credits">
                    {formatCount(model.credits)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CountList(props: { title: string; items: { name: string; count: number }[] }) {
  if (props.items.length === 0) return null;
  return (
    <div class="usage-counts">
      <h3 class="usage-subtitle">{props.title}</h3>
      <ul>
        {props.items.map((item) => (
          <li key={item.name}>
            <span>{eventLabel(item.name)}</span> <span class="usage-count">{formatCount(item.count)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What Ausar holds about the person's use, as the policy says it collects it (usage data, §2.2). */
function EventsHeld(props: { events: UsageResponse["events"] }) {
  const { events } = props;
  return (
    <section class="card" aria-labelledby="usage-events-title">
      <h2 id="usage-events-title" class="card-title">
        Usage data we hold
      </h2>
      <p class="card-text">
        {events.recording
          ? "Ausar counts the pages you open (by page, never the item on it) and the features you use, to improve the service. "
          : "Nothing new is being recorded: you objected to usage analysis or restricted processing. "}
        Events are deleted after {USAGE_RETENTION_MONTHS} months. Change this under{" "}
        <a href="/account#consents-title">Your data &amp; privacy</a>.
      </p>
      {events.total === 0 ? (
        <p class="card-text">We hold no usage events about you.</p>
      ) : (
        <>
          <p class="card-text">
            {formatCount(events.total)} {events.total === 1 ? "event" : "events"}
            {events.oldestAt !== null ? `, the oldest from ${formatDate(events.oldestAt)}` : ""}.
          </p>
          <div class="usage-count-lists">
            <CountList title="Pages" items={events.pages} />
            <CountList title="Features" items={events.features} />
          </div>
          <h3 class="usage-subtitle">Most recent</h3>
          <ol class="usage-recent">
            {events.recent.map((event, i) => (
              <li key={`${event.createdAt}-${i}`}>
                <span>{eventLabel(event.name)}</span>
                <time class="usage-when" dateTime={new Date(event.createdAt).toISOString()}>
                  {formatDateTime(event.createdAt)}
                </time>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** `/account/usage`: credits and generations over time, this month against last, top models, and the usage events held. */
export default function UsagePage() {
  const [period, setPeriod] = useState<Period>(30);
  const [state, setState] = useState<Resource<UsageResponse>>({ kind: "loading" });
  const load = (days: Period) => {
    usageApi.summary(days).then(
      (value) => setState({ kind: "ready", value }),
      (error: unknown) => setState((s) => (s.kind === "ready" ? s : { kind: "error", message: errorMessage(error) })),
    );
  };
  useEffect(() => load(period), [period]);

  return (
    <div class="page usage-page">
      <a class="usage-back" href="/account">
        ← Account
      </a>
      <PageHeader
        title="Your usage"
        description="What you spent and made, and what Ausar counts about how you use it."
        actions={
          <fieldset class="segmented">
            <legend class="visually-hidden">Period</legend>
            {PERIODS.map((days) => (
              <label key={days} class="segmented-option">
                <input type="radio" name="usage-period" value={days} checked={period === days} onChange={() => setPeriod(days)} />
                {days} days
              </label>
            ))}
          </fieldset>
        }
      />
      {state.kind === "loading" ? <Skeleton lines={6} /> : null}
      {state.kind === "error" ? <ErrorState message={state.message} onRetry={() => load(period)} /> : null}
      {state.kind === "ready" ? (
        <>
          <MonthCompare thisMonth={state.value.thisMonth} lastMonth={state.value.lastMonth} />
          <PerDay days={state.value.days} period={period} />
          <TopModels models={state.value.topModels} period={period} />
          <EventsHeld events={state.value.events} />
        </>
      ) : null}
    </div>
  );
}
