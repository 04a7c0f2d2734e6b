import { z } from "zod";

// Kept apart from shared/credits.ts so that the web pages importing the ledger types and labels
// do not pull zod into their chunk.

const LEDGER_PAGE_DEFAULT = 50;
const LEDGER_PAGE_MAX = 100;

/** An empty query value (`?cursor=`) means "not given". */
const omitEmpty = (value: unknown) => (value === "" ? undefined : value);

/** `GET /api/credits/ledger?cursor=&limit=`. The cursor is opaque: its shape is checked on the server. */
export const ledgerQuerySchema = z.object({
  cursor: z.preprocess(omitEmpty, z.string().max(200, "That cursor is not valid.").optional()),
  limit: z.preprocess(
    omitEmpty,
    z.coerce
      .number("Give the page size as a number.")
      .int("Give the page size as a whole number.")
      .min(1, "Ask for at least 1 row.")
      .max(LEDGER_PAGE_MAX, `Ask for at most ${LEDGER_PAGE_MAX} rows.`)
      .default(LEDGER_PAGE_DEFAULT),
  ),
});
