import type { ExportView, OptionalPurpose } from "../../../shared/privacy";
import { trackFeature } from "../lib/usage";
import { answer, client, done } from "./client";

const account = client.api.account;

/** Consents, restriction, policy re-acceptance, data export and account deletion. */
export const privacyApi = {
  consents: () => answer(account.consents.$get()),
  setConsent: (purpose: OptionalPurpose, granted: boolean) => answer(account.consents.$put({ json: { [purpose]: granted } })),
  setRestricted: (restricted: boolean) => answer(account.restriction.$put({ json: { restricted } })),
  acceptPolicies: () => answer(account["accept-policies"].$post()),
  latestExport: async (): Promise<ExportView | null> => (await answer(account.exports.$get())).exports[0] ?? null,
  exportById: async (id: string) => (await answer(account.exports[":id"].$get({ param: { id: encodeURIComponent(id) } }))).export,
  startExport: async () => {
    const started = (await answer(account.export.$post())).export;
    trackFeature("export");
    return started;
  },
  deleteAccount: (password: string) => done(account.$delete({ json: { password } })),
};
