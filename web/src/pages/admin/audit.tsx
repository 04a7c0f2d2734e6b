import { useEffect, useState } from "hono/jsx/dom";
import type { AuditItem, AuditPage } from "../../../../shared/admin-audit";
import { answer, client } from "../../api/client";
import { EmptyState, Skeleton } from "../../components/feedback";
import { type MoreState, ShowOlder } from "../../components/show-older";
import { formatDateTime } from "../../lib/format";
import { navigate } from "../../router/history";
import type { AdminSectionProps } from "./sections";
import { StaffErrorState } from "./staff-error";
import "./audit.css";

const FILTERS = ["actor", "target", "action"] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

function filtersOf(query: URLSearchParams): Filters {
  return { actor: query.get("actor") ?? "", target: query.get("target") ?? "", action: query.get("action") ?? "" };
}

function fetchPage(filters: Filters, cursor?: string): Promise<AuditPage> {
  return answer(client.api.admin.audit.$get({ query: { ...filters, cursor: cursor ?? "", limit: "50" } }));
}

type Loaded = { kind: "loading" } | { kind: "error"; error: unknown } | { kind: "ready"; items: AuditItem[]; nextCursor: string | null };

/** Audit: every staff call, newest first, filtered by actor, target person or action (the address holds the filters). */
export default function AuditSection(props: AdminSectionProps) {
  const filters = filtersOf(props.query);
  const key = FILTERS.map((f) => filters[f]).join("|");
  const [state, setState] = useState<Loaded>({ kind: "loading" });
  const [more, setMore] = useState<MoreState>("idle");
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ kind: "loading" });
    fetchPage(filters).then(
      (page) => current && setState({ kind: "ready", ...page }),
      (error: unknown) => current && setState({ kind: "error", error }),
    );
    return () => {
      current = false;
    };
  }, [key, attempt]);

  const showOlder = async () => {
    if (state.kind !== "ready" || !state.nextCursor) return;
    setMore("loading");
    try {
      const page = await fetchPage(filters, state.nextCursor);
      setState({ kind: "ready", items: [...state.items, ...page.items], nextCursor: page.nextCursor });
      setMore("idle");
    } catch {
      setMore("error");
    }
  };

  const apply = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const params = new URLSearchParams();
    for (const f of FILTERS) {
      const value = String(data.get(f) ?? "").trim();
      if (value) params.set(f, value);
    }
    const search = params.toString();
    navigate(`/admin/audit${search ? `?${search}` : ""}`);
  };

  return (
    <section class="admin-audit" aria-labelledby="admin-audit-title">
      <h2 id="admin-audit-title" class="admin-section-title">
        Audit log
      </h2>
      <p class="muted">Every staff call leaves one row: who, what, about whom, why, and how it ended. Rows are never changed or deleted.</p>
      <form class="audit-filters" onSubmit={apply} key={key}>
        <label class="field-label">
          Staff member (user id)
          <input class="input" name="actor" value={filters.actor} placeholder="a staff member's id" autocomplete="off" />
        </label>
        <label class="field-label">
          About user (id)
          <input class="input" name="target" value={filters.target} placeholder="an id, or erased:…" autocomplete="off" />
        </label>
        <label class="field-label">
          Action
          <input class="input" name="action" value={filters.action} placeholder="user.read" autocomplete="off" />
        </label>
        <div class="audit-filter-actions">
          <button type="submit" class="btn btn-primary">
            Filter
          </button>
          {key !== "||" ? (
            <a class="btn btn-secondary" href="/admin/audit">
              Clear
            </a>
          ) : null}
        </div>
      </form>
      <AuditList state={state} more={more} onRetry={() => setAttempt((n) => n + 1)} onShowOlder={showOlder} />
    </section>
  );
}

function AuditList(props: { state: Loaded; more: MoreState; onRetry: () => void; onShowOlder: () => void }) {
  const { state } = props;
  if (state.kind === "loading") return <Skeleton lines={6} />;
  if (state.kind === "error") return <StaffErrorState error={state.error} onRetry={props.onRetry} />;
  if (state.items.length === 0)
    return <EmptyState title="No audit rows" text="Nothing matches these filters. Clear them to see every call." />;
  return (
    <>
      <div class="audit-table-wrap">
        <table class="audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Staff</th>
              <th scope="col">Action</th>
              <th scope="col">Result</th>
              <th scope="col">About</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {state.items.map((item) => (
              <AuditRow key={item.id} item={item} />
            ))}
          </tbody>
        </table>
      </div>
      {state.nextCursor ? (
        <ShowOlder class="audit-more" more={props.more} failedText="The older rows did not load." onClick={props.onShowOlder} />
      ) : null}
    </>
  );
}

function AuditRow(props: { item: AuditItem }) {
  const { item } = props;
  return (
    <tr>
      <td>
        <time dateTime={new Date(item.createdAt).toISOString()}>{formatDateTime(item.createdAt)}</time>
      </td>
      <td>
        <a class="mono" href={`/admin/audit?actor=${encodeURIComponent(item.actorId)}`} title={item.actorId}>
          {short(item.actorId)}
        </a>{" "}
        <span class="badge">{item.actorRole}</span>
      </td>
      <td>
        <a class="mono" href={`/admin/audit?action=${encodeURIComponent(item.action)}`}>
          {item.action}
        </a>
      </td>
      <td>
        <span class={`badge${item.outcome === "ok" ? "" : " badge-warning"}`}>
          {item.outcome} {item.status}
        </span>
      </td>
      <td>
        {item.targetUserId ? (
          <a class="mono" href={`/admin/audit?target=${encodeURIComponent(item.targetUserId)}`} title={item.targetUserId}>
            {short(item.targetUserId)}
          </a>
        ) : null}
        {item.targetObject ? <div class="mono muted">{item.targetObject}</div> : null}
      </td>
      <td class="audit-reason">{item.reason ?? <span class="muted">—</span>}</td>
    </tr>
  );
}

/** An id's first 8 characters (its time part), enough to tell rows apart; the full id is the link's title. */
function short(id: string): string {
  return id.startsWith("erased:") ? `erased:${id.slice(7, 15)}…` : `${id.slice(0, 8)}…`;
}
