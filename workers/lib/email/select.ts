import type { Database } from "../../db/client";
import { AppError } from "../errors";
import { httpEmailSender } from "./http-sender";
import { outboxSender } from "./outbox";
import type { EmailSender } from "./sender";

/** Picks the email sender from configuration: `EMAIL_PROVIDER=resend` with a key, else the outbox. */
export function emailSenderFor(env: Env, db: Database): EmailSender {
  if (env.EMAIL_PROVIDER === "resend") {
    if (!env.EMAIL_API_KEY) {
      console.error(
        JSON.stringify({ level: "error", event: "email_misconfigured", detail: "EMAIL_PROVIDER=resend needs the EMAIL_API_KEY secret" }),
      );
      throw new AppError("unavailable", "Email is not available right now. Please try again later.");
    }
    return httpEmailSender({ apiKey: env.EMAIL_API_KEY, from: env.EMAIL_FROM });
  }
  return outboxSender(db);
}
