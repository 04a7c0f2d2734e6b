import type { InferRequestType } from "hono/client";
import type { LoginResponse } from "../../../shared/auth";
import { screenHeader } from "../lib/device";
import { answer, client, done } from "./client";

const auth = client.api.auth;

/** What the sign-up form sends. The confirmations go as the boxes stand: an unticked one comes back as a field issue. */
export type SignupForm = Omit<InferRequestType<typeof auth.signup.$post>["json"], "ageConfirmed" | "acceptPolicies"> & {
  ageConfirmed: boolean;
  acceptPolicies: boolean;
};

/** Accounts, sessions and the signed-in person's profile. */
export const authApi = {
  signup: (form: SignupForm) =>
    // The schema's input type says `true`; the server, not the type, refuses `false` with the field's message.
    answer(auth.signup.$post({ json: form as InferRequestType<typeof auth.signup.$post>["json"] }, { headers: screenHeader() })),
  /** Signed in, or (two-factor on) a ticket for `loginSecondFactor`. */
  login: (json: InferRequestType<typeof auth.login.$post>["json"]) =>
    answer<LoginResponse>(auth.login.$post({ json }, { headers: screenHeader() })),
  loginSecondFactor: (json: InferRequestType<(typeof auth.login)["second-factor"]["$post"]>["json"]) =>
    answer<LoginResponse>(auth.login["second-factor"].$post({ json }, { headers: screenHeader() })),
  logout: (everywhere: boolean) => done(everywhere ? auth["logout-all"].$post() : auth.logout.$post()),
  me: () => answer(client.api.me.$get()),
  updateMe: (json: InferRequestType<typeof client.api.me.$patch>["json"]) => answer(client.api.me.$patch({ json })),
  verifyEmail: (token: string) => answer(auth["verify-email"].$post({ json: { token } })),
  cancelEmailChange: (token: string) => answer(auth["cancel-email-change"].$post({ json: { token } })),
  resendVerification: () => done(auth["resend-verification"].$post()),
  forgotPassword: (email: string) => done(auth["forgot-password"].$post({ json: { email } })),
  resetPassword: (json: InferRequestType<(typeof auth)["reset-password"]["$post"]>["json"]) => done(auth["reset-password"].$post({ json })),
  changePassword: (json: InferRequestType<(typeof auth)["change-password"]["$post"]>["json"]) =>
    done(auth["change-password"].$post({ json })),
  sessions: async () => (await answer(auth.sessions.$get())).sessions,
  revokeSession: (id: string) => done(auth.sessions[":id"].$delete({ param: { id: encodeURIComponent(id) } })),
};
