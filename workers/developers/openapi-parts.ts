import { resolver } from "hono-openapi";
import { z } from "zod";
import type { ApiKeyScope } from "../../shared/developer-limits";
import { ERROR_STATUS, type ErrorCode } from "../../shared/errors";

/** The API's error body (shared/errors.ts `ErrorBody`), as a schema for the document. */
const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: "Error" });

/** OpenAI's error body, which the `/v1` routes answer with (workers/openai/errors.ts). */
const openAiErrorSchema = z
  .object({
    error: z.object({ message: z.string(), type: z.string(), param: z.string().nullable(), code: z.string() }),
  })
  .meta({ id: "OpenAIError" });

const errorResponse = (description: string, openAi: boolean) => ({
  description,
  content: { "application/json": { schema: resolver(openAi ? openAiErrorSchema : errorBodySchema) } },
});

/**
 * What every route a key may call says in the document, attached to its `requireCaller` guard: the
 * key it needs (and the scope), and the answers the guard itself can give.
 */
export function keyRouteSpec(scope: ApiKeyScope, keyOnly: boolean) {
  return {
    tags: [keyOnly ? "OpenAI-compatible" : scope],
    security: [{ apiKey: [] }],
    "x-ausar-scope": scope,
    responses: {
      400: errorResponse("A bad request: the error names the fields.", keyOnly),
      401: errorResponse("No key, or an unknown, revoked or mistyped one.", keyOnly),
      403: errorResponse(`The key lacks the ${scope} scope.`, keyOnly),
      429: errorResponse("Past the key's rate (see Retry-After); on /v1 also the quota error.", keyOnly),
    },
  };
}
