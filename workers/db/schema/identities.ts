import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Outside sign-in identities linked to an account (today only Sign in with Whop). `subject` is the
 * provider's user id (the OIDC `sub`: Whop's `user_…`, the id its payments and memberships carry as
 * `user.id`), so one provider account links to at most one Ausar account. `email` is the provider's
 * address when the link was made (kept to show the person which account it is, never used to sign in).
 */
export const linkedIdentities = sqliteTable(
  "linked_identities",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    provider: text("provider", { enum: ["whop"] }).notNull(),
    subject: text("subject").notNull(),
    email: text("email"),
    linkedAt: integer("linked_at").notNull(),
  },
  (t) => [
    uniqueIndex("linked_identities_provider_subject_unique").on(t.provider, t.subject),
    // One Whop account per Ausar account: connecting a second one is refused, not stacked.
    uniqueIndex("linked_identities_user_provider_unique").on(t.userId, t.provider),
  ],
);
