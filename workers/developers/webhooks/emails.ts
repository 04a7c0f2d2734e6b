import { composeEmail } from "../../lib/email/compose";
import type { EmailMessage } from "../../lib/email/sender";

/** Sent once when an endpoint is turned off after about a day of failed deliveries. */
export function endpointDisabledEmail(
  owner: { email: string; name: string; userId: string },
  url: string,
  publicUrl: string,
): EmailMessage {
  return composeEmail(
    owner.email,
    owner.userId,
    "A webhook endpoint was turned off",
    [
      `Hi ${owner.name},`,
      `Ausar could not deliver webhooks to ${url} for about a day: every attempt failed or timed out. We have turned that endpoint off, and nothing more is sent to it until you turn it back on.`,
      "The delivery log on the Developers page shows what each attempt got back.",
    ],
    { url: new URL("/account/developers", publicUrl).toString(), label: "Open Developers" },
  );
}
