import { useEffect, useState } from "hono/jsx/dom";
import { ErrorState, PageHeader, Skeleton } from "../../components/feedback";
import { sessionStore } from "../../lib/session";
import { useStore } from "../../lib/store";
import type { PageProps } from "../../router/routes";
import NotFoundPage from "../not-found/page";
import { type AdminSection, type AdminSectionComponent, SECTIONS } from "./sections";
import "./admin.css";

const loaded = new Map<AdminSection, AdminSectionComponent>();

/** A section's component once its chunk has arrived (kept for later visits). */
function useSection(section: AdminSection | undefined): { Section: AdminSectionComponent | undefined; failed: boolean; retry: () => void } {
  const [, setTick] = useState(0);
  const [failed, setFailed] = useState<AdminSection | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!section || loaded.has(section)) return;
    let current = true;
    section
      .load()
      .then((module) => {
        loaded.set(section, module.default);
        if (current) setTick((n) => n + 1);
      })
      .catch(() => current && setFailed(section));
    return () => {
      current = false;
    };
  }, [section, attempt]);
  return {
    Section: section ? loaded.get(section) : undefined,
    failed: section !== undefined && failed === section,
    retry: () => {
      setFailed(null);
      setAttempt((n) => n + 1);
    },
  };
}

/**
 * `/admin`, `/admin/<section>` and `/admin/<section>/<item>` (also `/admin?section=<id>`): the staff
 * console. Tabs are links, so every section has its own address and Back works.
 */
export default function AdminPage(props: PageProps) {
  const session = useStore(sessionStore);
  const staff = session.status === "signed-in" ? session.user : null;
  const visible = staff ? SECTIONS.filter((s) => staff.role !== "user" && s.roles.includes(staff.role)) : [];
  const wanted = props.params.section ?? props.query.get("section") ?? visible[0]?.id;
  const section = visible.find((s) => s.id === wanted);
  const { Section, failed, retry } = useSection(section);
  if (!staff) return null;
  if (!section) return <NotFoundPage signedIn={true} />;

  return (
    <div class="page admin-page">
      <PageHeader title="Admin" description="The staff console. Every call is recorded in the audit log." />
      <nav class="admin-tabs" aria-label="Console sections">
        {visible.map((s) => (
          <a key={s.id} class="admin-tab" href={`/admin/${s.id}`} aria-current={s === section ? "page" : undefined}>
            {s.label}
          </a>
        ))}
      </nav>
      <div class="admin-section">
        {failed ? <ErrorState message="This part of the console did not load." onRetry={retry} /> : null}
        {!failed && !Section ? <Skeleton lines={4} /> : null}
        {Section ? <Section query={props.query} item={props.params.item ?? null} staff={staff} /> : null}
      </div>
    </div>
  );
}
