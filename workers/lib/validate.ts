import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { validator } from "hono/validator";
import { resolver, uniqueSymbol } from "hono-openapi";
import { z } from "zod";
import type { ErrorIssue } from "../../shared/errors";
import { ID_PATTERN } from "../../shared/ids";
import { AppError } from "./errors";

/** JSON bodies on API routes are small; anything larger is refused before it is parsed. */
const JSON_BODY_LIMIT_BYTES = 64 * 1024;

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

function isJsonRequest(c: Context): boolean {
  const type = (c.req.header("Content-Type") ?? "").split(";")[0]?.trim() ?? "";
  return JSON_TYPE.test(type);
}

/** Turns zod's issues into the contract's `{ path, message }` list. */
export function toIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}

/** Parses `value` with `schema` or throws a 400 `validation_failed` listing every issue. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError("validation_failed", "Some fields need attention.", { issues: toIssues(result.error) });
  }
  return result.data;
}

const capJsonBody = bodyLimit({
  maxSize: JSON_BODY_LIMIT_BYTES,
  onError: () => {
    throw new AppError("payload_too_large", `JSON bodies are limited to ${JSON_BODY_LIMIT_BYTES / 1024} KB.`);
  },
});

/**
 * For every JSON request: caps the body size (from Content-Length, or while streaming) and
 * turns malformed JSON into a clear 400 before any route sees it. The text is cached by Hono,
 * so the route's validator reads it again without another pass over the network.
 */
export const jsonGuard: MiddlewareHandler = async (c, next) => {
  // GET and HEAD carry no body, whatever Content-Type a client sends with them.
  if (c.req.method === "GET" || c.req.method === "HEAD" || !isJsonRequest(c)) return next();
  return capJsonBody(c, async () => {
    const text = await c.req.text();
    try {
      JSON.parse(text);
    } catch {
      throw new AppError("invalid_json", "The request body is not valid JSON.");
    }
    await next();
  });
};

/**
 * Marks a validator with the schema it checks, in hono-openapi's terms, so that the OpenAPI document
 * (developers/openapi.ts) is generated from the very schemas the routes validate with.
 */
function described<M extends object>(middleware: M, target: "json" | "query" | "param" | "header", schema: z.ZodType): M {
  return Object.assign(middleware, { [uniqueSymbol]: { target, ...resolver(schema) } });
}

/** zod validation of a route's JSON body (run after `jsonGuard`). */
export function jsonBody<S extends z.ZodType>(schema: S) {
  const check = validator("json", (value, c): z.output<S> => {
    if (!isJsonRequest(c)) {
      throw new AppError("invalid_json", "Send a JSON body with Content-Type: application/json.");
    }
    return parseOrThrow(schema, value);
  });
  return described(check, "json", schema);
}

/** zod validation of the query string, with the same error shape. */
export function queryParams<S extends z.ZodType>(schema: S) {
  return described(
    validator("query", (value): z.output<S> => parseOrThrow(schema, value)),
    "query",
    schema,
  );
}

/**
 * zod validation of path parameters, so handlers read `c.req.valid("param")` only. A malformed value
 * is a 400 `validation_failed` with its issues, unless `refuse` builds the error: a path naming
 * something that cannot exist is answered like one naming something that is not the caller's (404).
 */
export function pathParams<S extends z.ZodType>(schema: S, refuse?: () => AppError) {
  return described(
    validator("param", (value): z.output<S> => checked(schema, value, refuse)),
    "param",
    schema,
  );
}

function checked<S extends z.ZodType>(schema: S, value: unknown, refuse: (() => AppError) | undefined): z.output<S> {
  if (!refuse) return parseOrThrow(schema, value);
  const result = schema.safeParse(value);
  if (!result.success) throw refuse();
  return result.data;
}

/** An id made by `newId`, as a path segment. */
export const idSchema = z.string().regex(ID_PATTERN, "That is not an id.");

/** The `:id` of a route naming one of the caller's own things. */
export const idParam = z.object({ id: idSchema });

/**
 * zod validation of request headers (Hono gives their names in lower case), so handlers read
 * `c.req.valid("header")` only: a 400 `validation_failed`, or the error `refuse` builds.
 */
export function requestHeaders<S extends z.ZodType>(schema: S, refuse?: () => AppError) {
  return validator("header", (value): z.output<S> => checked(schema, value, refuse));
}
