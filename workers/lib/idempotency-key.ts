import { z } from "zod";
import { AppError } from "./errors";
import { toIssues } from "./validate";

/** Any printable token up to 200 characters, as the common Idempotency-Key drafts allow. */
const keySchema = z
  .string()
  .min(1, "The Idempotency-Key is empty.")
  .max(200, "Keep the Idempotency-Key to 200 characters.")
  .regex(/^[\x21-\x7e]+$/, "The Idempotency-Key must be printable ASCII without spaces.");

/**
 * The request's `Idempotency-Key` header: undefined when absent, the key when well formed, and a 400
 * `validation_failed` naming the header otherwise. Every route that takes a key reads it here, so a
 * malformed key is refused alike everywhere rather than silently ignored (which would drop the client's protection).
 */
export function idempotencyKey(headers: Headers): string | undefined {
  const header = headers.get("Idempotency-Key");
  if (header === null) return undefined;
  const parsed = keySchema.safeParse(header);
  if (parsed.success) return parsed.data;
  const issues = toIssues(parsed.error).map((issue) => ({ ...issue, path: "Idempotency-Key" }));
  throw new AppError("validation_failed", "The Idempotency-Key header is malformed.", { issues });
}
