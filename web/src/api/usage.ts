import type { UsageResponse } from "../../../shared/usage";
import { answer, client } from "./client";

/** The signed-in person's usage (the "Your usage" page) and the public unsubscribe step of product emails. */
export const usageApi = {
  /** The last `days` days on this device's calendar. */
  summary: (days: number): Promise<UsageResponse> =>
    answer(client.api.account.usage.$get({ query: { days: String(days), offset: String(-new Date().getTimezoneOffset()) } })),
  unsubscribe: (token: string) => answer(client.api.email.unsubscribe.$post({ query: { token } })),
};
