import { LOCAL_KEYS, readLocal, writeLocal } from "./local";

const REFERRAL_CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** Remembers a `?ref=CODE` from the current address (any page), so sign-up can pre-fill it. */
export function captureReferral(search: string): void {
  const code = new URLSearchParams(search).get("ref")?.trim();
  if (code && REFERRAL_CODE.test(code)) writeLocal(LOCAL_KEYS.ref, code);
}

/** The remembered referral code, if any. */
export function storedReferral(): string {
  return readLocal(LOCAL_KEYS.ref) ?? "";
}
