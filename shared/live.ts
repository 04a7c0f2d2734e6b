/** Messages pushed over `GET /api/live` to the signed-in user's open tabs. */
export type LiveMessage =
  | { type: "credits"; available: number; held: number }
  | { type: "job"; job: unknown }
  | { type: "payment"; payment: unknown };
