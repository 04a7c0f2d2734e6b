import { useEffect, useState } from "hono/jsx/dom";
import type { StaffUserSummary, UserLookupResponse } from "../../../../shared/admin-users";
import { adminUsersApi } from "../../api/admin-users";
import { EmptyState, Skeleton } from "../../components/feedback";
import { formatDate } from "../../lib/format";
import { navigate } from "../../router/history";
import type { AdminSectionProps } from "./sections";
import { StaffErrorState } from "./staff-error";
import { UserPage } from "./user-page";

type Found = { kind: "idle" } | { kind: "loading" } | { kind: "error"; error: unknown } | { kind: "ready"; result: UserLookupResponse };

/** The badges a person carries in lists and on their page. */
export function UserBadges({ user }: { user: Pick<StaffUserSummary, "role" | "suspended" | "flagged" | "emailVerified" | "deleted"> }) {
  return (
    <span class="admin-badges">
      {user.role !== "user" ? <span class="badge badge-accent">{user.role}</span> : null}
      {user.suspended ? <span class="badge badge-danger">suspended</span> : null}
      {user.flagged ? <span class="badge badge-warning">flagged</span> : null}
      {user.deleted ? <span class="badge badge-danger">deleted</span> : null}
      {!user.emailVerified ? <span class="badge">unverified</span> : null}
    </span>
  );
}

const MATCHED_BY: Record<UserLookupResponse["matchedBy"], string> = {
  id: "by user id",
  whop: "by Whop user id",
  email: "by the beginning of the email",
};

function Results({ result }: { result: UserLookupResponse }) {
  if (result.items.length === 0) {
    return <EmptyState title="Nobody matches" text="Try the beginning of the email, the full user id, or a Whop user id (user_…)." />;
  }
  return (
    <>
      <p class="muted admin-found">
        {result.items.length} {result.items.length === 1 ? "person" : "people"} {MATCHED_BY[result.matchedBy]}
      </p>
      <ul class="admin-list" data-testid="lookup-results">
        {result.items.map((u) => (
          <li key={u.id}>
            <a class="admin-list-row" href={`/admin/users/${u.id}`}>
              <span class="admin-list-main">
                <span class="admin-list-title">{u.email}</span>
                <span class="muted admin-list-sub">
                  {u.name} · joined {formatDate(u.createdAt)}
                </span>
              </span>
              <UserBadges user={u} />
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Users: look a person up (the query lives in the address, so Back returns to the results), or a person's page. */
export default function UsersSection(props: AdminSectionProps) {
  const q = props.query.get("q") ?? "";
  const [found, setFound] = useState<Found>({ kind: "idle" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (props.item || !q.trim()) return setFound({ kind: "idle" });
    let current = true;
    setFound({ kind: "loading" });
    adminUsersApi.lookup(q).then(
      (result) => current && setFound({ kind: "ready", result }),
      (error: unknown) => current && setFound({ kind: "error", error }),
    );
    return () => {
      current = false;
    };
  }, [q, props.item, attempt]);

  if (props.item) return <UserPage userId={props.item} staff={props.staff} />;

  const search = (event: Event) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget as HTMLFormElement).get("q") ?? "").trim();
    navigate(value ? `/admin/users?q=${encodeURIComponent(value)}` : "/admin/users");
  };

  return (
    <div class="admin-users">
      <form class="admin-search" onSubmit={search}>
        <label class="field-label" for="admin-user-q">
          Find a person
        </label>
        <div class="admin-search-row">
          <input
            id="admin-user-q"
            class="input"
            name="q"
            type="search"
            value={q}
            placeholder="Email (or its beginning), user id, or Whop user id"
            autocomplete="off"
            maxlength={200}
          />
          <button type="submit" class="btn btn-primary">
            Search
          </button>
        </div>
      </form>
      {found.kind === "idle" ? (
        <EmptyState title="Look someone up" text="Every lookup and every page you open is recorded in the audit log." />
      ) : null}
      {found.kind === "loading" ? <Skeleton lines={3} /> : null}
      {found.kind === "error" ? <StaffErrorState error={found.error} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {found.kind === "ready" ? <Results result={found.result} /> : null}
    </div>
  );
}
