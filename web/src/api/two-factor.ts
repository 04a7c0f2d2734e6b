import { answer, client, done } from "./client";

const totp = client.api.account["2fa"].totp;

/** Account → Security: turning two-factor sign-in on and off. */
export const twoFactorApi = {
  /** A new secret (not yet in force) and the `otpauth://` link the QR code carries. */
  start: () => answer(totp.$post()),
  /** Turns it on with the app's first code; answers the ten recovery codes, shown once. */
  confirm: async (code: string) => (await answer(totp.confirm.$post({ json: { code } }))).recoveryCodes,
  turnOff: (code: string) => done(totp.$delete({ json: { code } })),
};
