import type { Child } from "hono/jsx";
import type { UserView } from "../../../../shared/auth";

/** A staff role: who may open a section. */
type StaffRole = Exclude<UserView["role"], "user">;

/** What every console section receives from the shell. */
export interface AdminSectionProps {
  /** The query string of the current address (filters, cursors, a selected item). */
  query: URLSearchParams;
  /** The segment after the section in `/admin/<section>/<item>` (a user id, a job id), if any. */
  item: string | null;
  /** The signed-in staff member. */
  staff: UserView;
}

export type AdminSectionComponent = (props: AdminSectionProps) => Child;

export interface AdminSection {
  /** The address segment: `/admin/<id>` (or `/admin?section=<id>`). */
  id: string;
  label: string;
  /** Staff roles that see the tab; the API still checks every call. */
  roles: readonly StaffRole[];
  /** Each section is its own chunk, fetched when first opened. */
  load: () => Promise<{ default: AdminSectionComponent }>;
}

const STAFF: readonly StaffRole[] = ["support", "admin"];

/**
 * The console's sections, in tab order. Each owner adds one entry for a component file under
 * `pages/admin/` (default export: `AdminSectionComponent`). The first entry is the default section.
 */
export const SECTIONS: readonly AdminSection[] = [
  { id: "overview", label: "Overview", roles: STAFF, load: () => import("./overview") },
  { id: "users", label: "Users", roles: STAFF, load: () => import("./users") },
  { id: "jobs", label: "Jobs", roles: STAFF, load: () => import("./jobs") },
  { id: "flagged", label: "Flagged", roles: STAFF, load: () => import("./flagged") },
  { id: "support", label: "Support", roles: STAFF, load: () => import("./support") },
  { id: "data-requests", label: "Data requests", roles: STAFF, load: () => import("./data-requests") },
  { id: "audit", label: "Audit", roles: ["admin"], load: () => import("./audit") },
];
