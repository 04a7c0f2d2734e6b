import type { Database } from "../../db/client";
import { emailOutbox } from "../../db/schema";
import { newId } from "../ids";
import type { EmailSender } from "./sender";

/** Development delivery: emails are stored in D1 and read at `GET /api/dev/emails`. */
export function outboxSender(db: Database, now: () => number = Date.now): EmailSender {
  return {
    async send(message) {
      await db.insert(emailOutbox).values({
        id: newId(),
        userId: message.userId ?? null,
        toAddress: message.to,
        subject: message.subject,
        textBody: message.text,
        htmlBody: message.html,
        createdAt: now(),
      });
    },
  };
}
