import type { Database } from "../../db/client";
import { httpEmailSender } from "./http-sender";
import { outboxSender } from "./outbox";
import type { EmailSender } from "./sender";

/** Picks the email sender from configuration: `EMAIL_PROVIDER=resend` with a key, else the outbox. */
export function emailSenderFor(env: Env, db: Database): EmailSender {
  if (env.EMAIL_PROVIDER === "resend") {
    if (!env.EMAIL_API_KEY) throw new Error("EMAIL_PROVIDER=resend needs the EMAIL_API_KEY secret");
    return httpEmailSender({ apiKey: env.EMAIL_API_KEY, from: env.EMAIL_FROM });
  }
  return outboxSender(db);
}
