import type { InferRequestType } from "hono/client";
import type { WhopAccountView, WhopPendingView } from "../../../shared/whop-sign-in";
import { screenHeader } from "../lib/device";
import { answer, client, done } from "./client";

const whop = client.api.auth.whop;

/** What the new-person form sends; the confirmations go as the boxes stand (an unticked one comes back as a field issue). */
export type WhopSignupForm = Omit<InferRequestType<typeof whop.signup.$post>["json"], "ageConfirmed" | "acceptPolicies"> & {
  ageConfirmed: boolean;
  acceptPolicies: boolean;
};

/** Where the "Sign in with Whop" and "Connect Whop" links lead: the Worker redirects on to Whop. */
export const WHOP_START = "/api/auth/whop/start";
export const WHOP_CONNECT = "/api/auth/whop/start?intent=connect";

/** Sign in with Whop, and the Whop section of Account → Security. */
export const whopApi = {
  enabled: async () => (await answer(whop.$get())).enabled,
  pending: () => answer<WhopPendingView>(whop.pending.$get()),
  cancel: () => done(whop.pending.$delete()),
  signup: (form: WhopSignupForm) =>
    answer(whop.signup.$post({ json: form as InferRequestType<typeof whop.signup.$post>["json"] }, { headers: screenHeader() })),
  link: (json: InferRequestType<typeof whop.link.$post>["json"]) => answer(whop.link.$post({ json }, { headers: screenHeader() })),
  secondFactor: (code: string) => answer(whop["second-factor"].$post({ json: { code } }, { headers: screenHeader() })),
  account: () => answer<WhopAccountView>(client.api.account.whop.$get()),
  disconnect: () => done(client.api.account.whop.$delete()),
};
