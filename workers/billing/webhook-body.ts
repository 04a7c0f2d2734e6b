import { readBoundedText } from "../lib/bounded-read";
import { AppError } from "../lib/errors";

/**
 * Whop's largest payloads (a payment with its refunds and disputes) are a few KB; anything past
 * this is not Whop, and is refused before it is verified or parsed.
 */
const WEBHOOK_BODY_LIMIT_BYTES = 256 * 1024;

const tooLarge = () => new AppError("payload_too_large", `Webhook bodies are limited to ${WEBHOOK_BODY_LIMIT_BYTES / 1024} KB.`);

/**
 * The raw body as text, exactly as sent (the signature covers these bytes). A declared length
 * past the cap is refused at once; an undeclared one is counted while streaming, and the rest is
 * read and dropped rather than cut off, so the sender sees the 413 instead of a reset.
 */
export async function readWebhookBody(request: Request, limit = WEBHOOK_BODY_LIMIT_BYTES): Promise<string> {
  const text = await readBoundedText(request, limit, "drain");
  if (text === null) throw tooLarge();
  return text;
}
