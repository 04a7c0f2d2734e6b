import { eq, or, sql } from "drizzle-orm";
import { emailOutbox, rateLimits } from "../db/schema";
import type { AccountDataContribution } from "../privacy/contract";
import { deleteAllInChunks } from "../privacy/purge-rows";

/**
 * The shared services' part of a person's data: the development email outbox and rate-limit
 * counters. Neither is exported: the outbox holds mail only while EMAIL_PROVIDER=outbox, and a
 * counter is a number for a few minutes.
 */
export const libAccountData: AccountDataContribution = {
  capability: "lib",
  tables: ["email_outbox", "rate_limits"],
  purge: (ctx) =>
    deleteAllInChunks(ctx, [
      // Mail to the address (sent before the account existed, or to a new address being confirmed) carries the user id, or only the address.
      [
        emailOutbox,
        ctx.email ? or(eq(emailOutbox.userId, ctx.userId), eq(emailOutbox.toAddress, ctx.email)) : eq(emailOutbox.userId, ctx.userId),
      ],
      // Counters are keyed `<limit>:<user id or email or IP>`; the person's own go now.
      [rateLimits, sql`substr(${rateLimits.key}, instr(${rateLimits.key}, ':') + 1) IN (${ctx.userId}, ${ctx.email})`],
    ]),
};
