import type { UserLookupResponse } from "../../shared/admin-users";
import { ID_PATTERN } from "../../shared/ids";
import { toSummary, usersByEmailPrefix, usersByIds } from "../auth/staff-view";
import { usersPaidByWhopUser } from "../billing/staff-view";
import type { Database } from "../db/client";

/** How many people one lookup lists: enough to pick from, few enough to read. */
const LOOKUP_LIMIT = 20;

/** Whop's user ids (`user_…`), as their payment webhooks carry them. */
const WHOP_USER_ID = /^user_[A-Za-z0-9]+$/;

/**
 * The console's lookup: an exact user id; else a Whop user id that paid (when it is one); else the
 * beginning of an email (emails are stored lower-cased). Each is one index-backed query.
 */
export async function lookupUsers(db: Database, q: string): Promise<UserLookupResponse> {
  const query = q.trim();
  if (ID_PATTERN.test(query.toLowerCase())) {
    return { items: (await usersByIds(db, [query.toLowerCase()])).map(toSummary), matchedBy: "id" };
  }
  if (WHOP_USER_ID.test(query)) {
    const ids = await usersPaidByWhopUser(db, query);
    if (ids.length > 0) return { items: (await usersByIds(db, ids)).map(toSummary), matchedBy: "whop" };
  }
  return { items: (await usersByEmailPrefix(db, query, LOOKUP_LIMIT)).map(toSummary), matchedBy: "email" };
}
