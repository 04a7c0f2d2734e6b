/**
 * What the page says for each refusal the Worker sends it to (`?error=`, workers/auth/whop/errors.ts).
 * Each ends in the same reassurance: nothing was created or connected.
 */
export const WHOP_REFUSALS: Record<string, { title: string; body: string }> = {
  not_started: {
    title: "This sign-in was not started here",
    body: "The answer from Whop does not belong to a sign-in started in this browser in the last 10 minutes. Start again from the sign-in page.",
  },
  state_mismatch: {
    title: "This answer from Whop is not for this browser",
    body: "The sign-in could not be matched to the one this browser started (the state did not match), so it was refused.",
  },
  access_denied: { title: "You did not allow the sign-in", body: "Whop says the request was declined. You can try again at any time." },
  provider_error: { title: "Whop could not complete the sign-in", body: "Whop answered with an error. Please try again in a moment." },
  code_refused: {
    title: "This sign-in link was already used",
    body: "Whop refused the sign-in code: it was used before or has expired. Start again to get a fresh one.",
  },
  bad_nonce: {
    title: "Whop's answer did not match this sign-in",
    body: "The identity Whop sent was issued for a different sign-in (its nonce did not match), so it was refused.",
  },
  expired_id_token: { title: "Whop's answer has expired", body: "The identity Whop sent was too old to accept. Start again." },
  invalid_id_token: {
    title: "Whop's answer could not be verified",
    body: "The identity Whop sent did not carry a valid signature for Ausar, so it was refused.",
  },
  no_email: {
    title: "Whop did not share an email address",
    body: "An Ausar account needs an email address. Allow Ausar to see your email on Whop, or sign up with email and password.",
  },
  unverified_email: {
    title: "Whop has not verified that email address",
    body: "An Ausar account is only made from an address Whop has verified. Verify it at Whop and try again, or sign up with email and password and connect Whop from Account → Security.",
  },
  already_linked: {
    title: "That Whop account is already connected",
    body: "It is connected to another Ausar account, or this account already has a Whop account connected. Disconnect it there first.",
  },
  suspended: { title: "This account is suspended", body: "It cannot sign in. Write to support if you think this is a mistake." },
  rate_limited: {
    title: "Too many sign-in attempts",
    body: "There were too many sign-in attempts from your network. Please wait a few minutes and try again.",
  },
  unavailable: { title: "Whop could not be reached", body: "Please try again in a moment." },
};

export const UNKNOWN_REFUSAL = { title: "Sign in with Whop did not work", body: "Please start again." };
