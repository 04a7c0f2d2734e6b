/** One outgoing email. Text and HTML carry the same content. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The account it concerns, so it can be purged with the account. */
  userId?: string;
  /** Extra headers (a product email's `List-Unsubscribe`); the development outbox does not keep them. */
  headers?: Record<string, string>;
}

/** Something that delivers emails; chosen by `EMAIL_PROVIDER`. */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}
