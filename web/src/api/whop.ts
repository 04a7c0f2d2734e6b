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

/** Where the "Sign in with Whop" links lead: the Worker redirects on to Whop. */
export const WHOP_START = "/api/auth/whop/start";

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
  /** "Connect Whop": the password again; answers Whop's authorize address for the browser to go to. */
  connect: async (password: string) => (await answer(client.api.account.whop.connect.$post({ json: { password } }))).authorizeUrl,
};
