import { composeEmail as compose } from "../lib/email/compose";
import type { EmailMessage } from "../lib/email/sender";

/** Asks the person to confirm that an address is theirs. */
export function verificationEmail(to: string, userId: string, name: string, url: string): EmailMessage {
  return compose(
    to,
    userId,
    "Confirm your email for Ausar",
    [`Hi ${name},`, "Please confirm that this is your email address. The link works once and expires in 24 hours."],
    { url, label: "Confirm email" },
  );
}

/** A password reset link. */
export function passwordResetEmail(to: string, userId: string, name: string, url: string): EmailMessage {
  return compose(
    to,
    userId,
    "Reset your Ausar password",
    [
      `Hi ${name},`,
      "Someone asked to reset the password of your Ausar account. If it was you, use the link below; it works once and expires in 1 hour.",
      "Resetting signs you out on every device. If it was not you, ignore this email.",
    ],
    { url, label: "Choose a new password" },
  );
}

/** Tells the old address that a change to a new one was requested, with a one-click way to undo it. */
export function emailChangeNotice(to: string, userId: string, name: string, newEmail: string, cancelUrl: string): EmailMessage {
  return compose(
    to,
    userId,
    "Your Ausar email is being changed",
    [
      `Hi ${name},`,
      `A change of your account's email to ${newEmail} was requested. It takes effect once the new address is confirmed.`,
      "If this wasn't you, use the link below within 7 days: it cancels the change (or moves the account back to this address), signs out every device, and then you should reset your password.",
    ],
    { url: cancelUrl, label: "This wasn't me" },
  );
}

/** Confirms a password change. */
export function passwordChangedEmail(to: string, userId: string, name: string): EmailMessage {
  return compose(to, userId, "Your Ausar password was changed", [
    `Hi ${name},`,
    "Your password was changed and your other devices were signed out. If this was not you, reset your password now.",
  ]);
}
