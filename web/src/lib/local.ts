/**
 * The only localStorage keys the app may write (privacy policy §2.2: functional purposes only —
 * auth state, preferences, referral tracking). The browser test checks no other key appears.
 */
export const LOCAL_KEYS = {
  /** "1" while probably signed in, so the first paint can guess; absent otherwise. */
  auth: "ausar.auth",
  /** "system" | "dark" | "light". */
  theme: "ausar.theme",
  /** A referral code seen in a `?ref=` link, offered at sign-up. */
  ref: "ausar.ref",
  /** The gallery's tile size: "small" | "medium" | "large". */
  gallerySize: "ausar.gallery-size",
} as const;

type LocalKey = (typeof LOCAL_KEYS)[keyof typeof LOCAL_KEYS];

/** Reads a key; storage can be disabled (private modes, policies), which reads as absent. */
export function readLocal(key: LocalKey): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Writes a key, or removes it when `value` is null; failures are ignored (the app works without). */
export function writeLocal(key: LocalKey, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage refused: the hint or preference is simply not remembered.
  }
}
