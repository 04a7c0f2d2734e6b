import type { z } from "zod";
import type {
  CreditAdjustmentResult,
  creditAdjustmentSchema,
  revokeSessionsSchema,
  roleChangeSchema,
  StaffActionResult,
  suspensionSchema,
} from "../../../shared/admin-users";
import { apiFetch } from "../lib/api";
import { answer, client } from "./client";

const users = client.api.admin.users;

/** A console action: a JSON POST whose failures arrive as `ApiError`s (with field issues). */
async function post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await apiFetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return (await res.json()) as T;
}

const at = (id: string, action: string) => `/api/admin/users/${encodeURIComponent(id)}/${action}`;

/** The console's people: lookup, the user page, and the actions on a person. */
export const adminUsersApi = {
  lookup: (q: string) => answer(users.$get({ query: { q } })),
  detail: (id: string) => answer(users[":id"].$get({ param: { id } })),
  ledger: (id: string, cursor: string) => answer(users[":id"].ledger.$get({ param: { id }, query: { cursor } })),
  /** `idempotencyKey` is made once per dialog, so a retried submit adjusts once. */
  adjustCredits: (id: string, body: z.input<typeof creditAdjustmentSchema>, idempotencyKey: string) =>
    post<CreditAdjustmentResult>(at(id, "credits"), body, { "Idempotency-Key": idempotencyKey }),
  revokeSessions: (id: string, body: z.input<typeof revokeSessionsSchema>) => post<{ ended: number }>(at(id, "sessions/revoke"), body),
  suspend: (id: string, body: z.input<typeof suspensionSchema>) => post<StaffActionResult>(at(id, "suspend"), body),
  unsuspend: (id: string, body: z.input<typeof suspensionSchema>) => post<StaffActionResult>(at(id, "unsuspend"), body),
  changeRole: (id: string, body: z.input<typeof roleChangeSchema>) => post<StaffActionResult>(at(id, "role"), body),
};
