import { bodyLimit } from "hono/body-limit";
import { validator } from "hono/validator";
import { type BulkIds, bulkIdsSchema } from "../../shared/media";
import { AppError } from "../lib/errors";
import { parseOrThrow } from "../lib/validate";

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** 100 ids of 36 characters and their separators fit in well under 16 KB. */
export const capFormBody = bodyLimit({
  maxSize: 16 * 1024,
  onError: () => {
    throw new AppError("payload_too_large", "Too many items selected.");
  },
});

/**
 * `{ ids }` from JSON (already size-checked and parsed by the global JSON guard) or from an HTML
 * form post (`ids` repeated, or comma-separated): a form lets the browser stream a ZIP download
 * straight to disk instead of holding it in page memory. Lands in `c.req.valid("json")`.
 */
export const bulkIdsBody = validator("json", async (value, c): Promise<BulkIds> => {
  const type = c.req.header("Content-Type") ?? "";
  if (JSON_TYPE.test(type)) return parseOrThrow(bulkIdsSchema, value);
  if (FORM_TYPE.test(type)) {
    const form = new URLSearchParams(new TextDecoder().decode(await c.req.arrayBuffer()));
    const ids = form
      .getAll("ids")
      .flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter(Boolean);
    return parseOrThrow(bulkIdsSchema, { ids });
  }
  throw new AppError("unsupported_media_type", "Send the ids as JSON or as a form.");
});
