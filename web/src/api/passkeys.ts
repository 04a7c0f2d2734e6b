import type { InferRequestType } from "hono/client";
import type { LoginResponse } from "../../../shared/auth";
import { screenHeader } from "../lib/device";
import { answer, client, done } from "./client";

const passkeys = client.api.auth.passkeys;

export type PasskeyRegistration = InferRequestType<typeof passkeys.registration.verify.$post>["json"];
export type PasskeyAssertion = InferRequestType<typeof passkeys.authentication.verify.$post>["json"]["response"];

/** Passkeys: the ceremonies' server halves (see features/passkeys/ceremony.ts) and the person's list. */
export const passkeysApi = {
  list: async () => (await answer(passkeys.$get())).passkeys,
  registrationOptions: async (currentPassword: string) =>
    (await answer(passkeys.registration.options.$post({ json: { currentPassword } }))).options,
  register: async (json: PasskeyRegistration) => (await answer(passkeys.registration.verify.$post({ json }))).passkey,
  signInOptions: async () => (await answer(passkeys.authentication.options.$post())).options,
  /** Signs in: the same session cookies as a password sign-in, device data included. */
  signIn: (response: PasskeyAssertion) =>
    answer<LoginResponse>(passkeys.authentication.verify.$post({ json: { response } }, { headers: screenHeader() })),
  rename: async (id: string, name: string) =>
    (await answer(passkeys[":id"].$patch({ param: { id: encodeURIComponent(id) }, json: { name } }))).passkey,
  remove: (id: string) => done(passkeys[":id"].$delete({ param: { id: encodeURIComponent(id) } })),
  /** Staff: options for an assertion that steps up the next destructive console action (only the caller's own passkeys). */
  stepUpOptions: async () => (await answer(client.api.admin["step-up"].passkey.options.$post())).options,
};
