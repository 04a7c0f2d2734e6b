import { answer, client } from "./client";

const billing = client.api.billing;

/** Plans and the signed-in person's payments, subscription and referrals. */
export const billingApi = {
  plans: () => answer(client.api.plans.$get()),
  subscription: () => answer(billing.subscription.$get()),
  payments: (limit: number) => answer(billing.payments.$get({ query: { limit: String(limit) } })),
  referrals: () => answer(billing.referrals.$get()),
};
