import { z } from "zod";
import { ID_PATTERN } from "./ids";

/** An empty query value (`?actor=`) means "not given". */
const omitEmpty = (value: unknown) => (value === "" ? undefined : value);

/**
 * A person's id as the audit log holds it: an id, the `erased:<id>` pseudonym left by erasure, or
 * `cli` for role changes made with the staff command (scripts/staff.mjs), where no one signed in.
 */
const PERSON = new RegExp(`^(cli|(erased:)?${ID_PATTERN.source.slice(1, -1)})$`);
const person = z.preprocess(
  omitEmpty,
  z.string().trim().toLowerCase().regex(PERSON, "Give a user id (or an erased: pseudonym, or cli).").optional(),
);

const AUDIT_PAGE_MAX = 100;

/** `GET /api/admin/audit?actor=&target=&action=&cursor=&limit=`: newest first, keyset-paged on the row id. */
export const auditQuerySchema = z.object({
  actor: person,
  target: person,
  action: z.preprocess(
    omitEmpty,
    z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+){0,4}$/, "Give an action such as user.read.")
      .max(80)
      .optional(),
  ),
  cursor: z.preprocess(omitEmpty, z.string().regex(ID_PATTERN, "That page cursor is not valid.").optional()),
  limit: z.preprocess(
    omitEmpty,
    z.coerce.number("Give the page size as a number.").int("Give the page size as a whole number.").min(1).max(AUDIT_PAGE_MAX).default(50),
  ),
});

export type AuditQuery = z.output<typeof auditQuerySchema>;

/** One row of the audit log, as admins read it. */
export interface AuditItem {
  id: string;
  actorId: string;
  actorRole: "support" | "admin";
  action: string;
  outcome: "ok" | "refused";
  status: number;
  targetUserId: string | null;
  targetObject: string | null;
  reason: string | null;
  requestId: string;
  createdAt: number;
}

export interface AuditPage {
  items: AuditItem[];
  /** The `cursor` of the next (older) page, or null on the last one. */
  nextCursor: string | null;
}
