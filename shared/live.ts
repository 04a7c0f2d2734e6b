import type { CreditBalance } from "./credits";
import type { JobView } from "./generation";

/** Messages pushed over `GET /api/live` to the signed-in user's open tabs. */
export type LiveMessage = ({ type: "credits" } & CreditBalance) | { type: "job"; job: JobView } | { type: "payment"; payment: unknown };
