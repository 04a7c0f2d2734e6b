import type { MeResponse, UserView } from "../../../shared/auth";
import { authApi } from "../api/auth";
import { ApiError, onSessionLost } from "./api";
import { LOCAL_KEYS, readLocal, writeLocal } from "./local";
import { createStore } from "./store";
import { broadcast, onTabMessage } from "./tabs";

export type Credits = MeResponse["credits"];

/** Who is signed in, as far as this tab knows. */
export type SessionState =
  | { status: "unknown" }
  | { status: "loading" }
  | { status: "signed-in"; user: UserView; credits: Credits }
  | { status: "signed-out" }
  | { status: "error"; error: ApiError };

export const sessionStore = createStore<SessionState>({ status: "unknown" });

/** The first paint's guess: a previous visit left the hint, so the session is probably alive. */
export function probablySignedIn(): boolean {
  return readLocal(LOCAL_KEYS.auth) === "1";
}

function markSignedOut(): void {
  writeLocal(LOCAL_KEYS.auth, null);
  sessionStore.set({ status: "signed-out" });
}

let loading: Promise<SessionState> | null = null;

/** Asks `GET /api/me` who is signed in; concurrent callers share one request. */
export function loadSession(): Promise<SessionState> {
  loading ??= (async (): Promise<SessionState> => {
    if (sessionStore.get().status !== "signed-in") sessionStore.set({ status: "loading" });
    try {
      const me = await authApi.me();
      writeLocal(LOCAL_KEYS.auth, "1");
      sessionStore.set({ status: "signed-in", user: me.user, credits: me.credits });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) markSignedOut();
      // A signed-in tab that briefly cannot reach the API stays signed in; others show the error.
      else if (sessionStore.get().status !== "signed-in") {
        sessionStore.set({ status: "error", error: error instanceof ApiError ? error : new ApiError(0, "network", String(error)) });
      }
    }
    return sessionStore.get();
  })().finally(() => {
    loading = null;
  });
  return loading;
}

/** After sign-up or sign-in: remember the hint, load balance and profile, and tell other tabs. */
export async function completeSignIn(): Promise<SessionState> {
  writeLocal(LOCAL_KEYS.auth, "1");
  const state = await loadSession();
  if (state.status === "signed-in") broadcast({ type: "signed-in" });
  return state;
}

/** Signs out on the server (revoking the session) and here; other tabs follow. */
export async function signOut(everywhere = false): Promise<void> {
  try {
    await authApi.logout(everywhere);
  } catch (error) {
    // Already signed out is fine; any other failure leaves the session as it is, and says so.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  markSignedOut();
  broadcast({ type: "signed-out" });
}

/** Replaces the signed-in user (after a profile change or an email verification). */
export function updateUser(user: UserView): void {
  const state = sessionStore.get();
  if (state.status === "signed-in") sessionStore.set({ ...state, user });
}

/** Replaces the balance (live `credits` messages). */
export function updateCredits(credits: Credits): void {
  const state = sessionStore.get();
  if (state.status === "signed-in") sessionStore.set({ ...state, credits });
}

/** Wires the session to the API client and to the other tabs. Call once at start. */
export function startSession(): void {
  onSessionLost(markSignedOut);
  onTabMessage((message) => {
    if (message.type === "signed-out") markSignedOut();
    if (message.type === "signed-in" && sessionStore.get().status !== "signed-in") void loadSession();
  });
}
