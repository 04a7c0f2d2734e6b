import fc from "fast-check";
import type { OwnedIds } from "../authz/fixtures";
import { type Endpoint, fillPath } from "./route-table";

/** A generated request, serialisable so a failing case prints in full. */
export interface FuzzCase {
  path: string;
  method: string;
  headers: Record<string, string>;
  /** JSON text, other text, or bytes (kept as numbers so the case prints). */
  body: { text: string } | { bytes: number[] } | null;
  /** Which session the request carries: none, the fuzzed user's own, or a broken one. */
  session: "none" | "valid" | "broken";
}

/** Field names the API's bodies and queries use, so junk lands on real fields as well as unknown ones. */
const FIELD_NAMES = [
  "email",
  "password",
  "currentPassword",
  "newPassword",
  "name",
  "token",
  "code",
  "prompt",
  "negativePrompt",
  "model",
  "count",
  "seed",
  "aspectRatio",
  "durationSeconds",
  "inputMediaIds",
  "ids",
  "favorite",
  "title",
  "expiresInSeconds",
  "plan",
  "planId",
  "referralCode",
  "ageConfirmed",
  "acceptPolicies",
  "consents",
  "restricted",
  "marketing",
  "analytics",
  "cursor",
  "limit",
  "kind",
  "q",
  "status",
  "redirect",
  "returnTo",
  "type",
  "data",
  "id",
  "__proto__",
  "constructor",
];

const nasty = fc.constantFrom(
  "",
  " ",
  "0",
  "-1",
  "1e309",
  "NaN",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "..",
  "../..",
  "%00",
  "\u0000",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "𝕏😀",
  "\u202e",
  "a".repeat(3000),
  "01J00000000000000000000000",
  "ZZZZZZZZZZZZZZZZZZZZZZZZZZ",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "https://evil.example/",
  "//evil.example",
  "javascript:alert(1)",
);

const text = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 20 }));

const jsonish = fc.oneof(
  { arbitrary: text, weight: 3 },
  { arbitrary: fc.integer({ min: -(2 ** 53), max: 2 ** 53 }), weight: 2 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.array(text, { maxLength: 4 }), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
);

const fieldName = fc.oneof(
  { arbitrary: fc.constantFrom(...FIELD_NAMES), weight: 4 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
);

/** Bytes that start like a real file of each kind the upload sniffer knows, then turn to junk. */
const MAGIC: number[][] = [
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0xff, 0xd8, 0xff, 0xe0],
  [0x52, 0x49, 0x46, 0x46, 0x10, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
  [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
  [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d],
  [0x50, 0x4b, 0x03, 0x04],
];

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/vnd.api+json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=x",
  "image/png",
  "image/jpeg",
  "image/webp",
  "image/svg+xml",
  "application/octet-stream",
  "video/mp4",
  "",
  "garbage",
  "application/json; boundary=",
];

const body: fc.Arbitrary<{ contentType: string | null; body: FuzzCase["body"] }> = fc.oneof(
  // No body, with or without a content type claiming one.
  fc.record({ contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: null }), body: fc.constant(null) }),
  // Broken JSON.
  fc.record({
    contentType: fc.constant("application/json"),
    body: fc
      .oneof(fc.constantFrom("{", '{"a":', "[1,2", "", "\u0000", '{"email":"a"}}', "NaN", "{'a':1}"), fc.string({ maxLength: 60 }))
      .map((t) => ({ text: t })),
  }),
  // Valid JSON of the wrong shape: any value, or an object of real field names with wrong values.
  fc.record({
    contentType: fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain"),
    body: fc
      .oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fieldName, jsonish, { maxKeys: 6 }))
      .map((value) => ({ text: JSON.stringify(value) ?? "null" })),
  }),
  // Bytes: random, or a real file's magic number followed by junk; under any content type.
  fc.record({
    contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: null }),
    body: fc
      .tuple(fc.option(fc.constantFrom(...MAGIC), { nil: null }), fc.uint8Array({ maxLength: 1024 }))
      .map(([magic, rest]) => ({ bytes: [...(magic ?? []), ...rest] })),
  }),
  // Too large: JSON past the 64 KB cap.
  fc.record({ contentType: fc.constant("application/json"), body: fc.constant({ text: JSON.stringify({ name: "x".repeat(70 * 1024) }) }) }),
);

const headerValue = fc.oneof(nasty, fc.string({ maxLength: 60 })).map((v) => v.replace(/[^\x20-\x7e]/g, ""));

/** Headers that reach our code: origin checks, ranges, caching, client address, webhooks, upgrades. */
const HEADERS: Record<string, fc.Arbitrary<string>> = {
  Origin: fc.oneof(fc.constantFrom("https://evil.example", "null", "http://localhost", "http://localhost:8787"), headerValue),
  Range: fc.oneof(
    fc.constantFrom("bytes=abc", "bytes=-0", "bytes=999999999999-", "bytes=5-1", "bytes=0-1,2-3", "bytes=-", "items=0-1"),
    headerValue,
  ),
  "If-None-Match": fc.oneof(fc.constantFrom('"x"', "*", 'W/"1"'), headerValue),
  "If-Modified-Since": headerValue,
  Accept: fc.oneof(fc.constantFrom("text/html", "application/zip", "*/*", "image/*"), headerValue),
  "User-Agent": headerValue,
  "CF-Connecting-IP": headerValue,
  "Idempotency-Key": headerValue,
  Authorization: headerValue.map((v) => `Bearer ${v}`),
  "webhook-id": headerValue,
  "webhook-timestamp": fc.oneof(fc.integer().map(String), headerValue),
  "webhook-signature": headerValue.map((v) => `v1,${v}`),
  Upgrade: fc.constant("websocket"),
  Cookie: headerValue,
};

/** Up to three of them at a time, so that most cases still get past the origin check to the route. */
const extraHeaders = fc
  .array(fc.oneof(...Object.entries(HEADERS).map(([name, value]) => value.map((v) => [name, v] as const))), { maxLength: 3 })
  .map((pairs) => Object.fromEntries(pairs) as Record<string, string>);

const queryString = fc
  .array(fc.tuple(fieldName, fc.oneof(text, fc.integer().map(String))), { maxLength: 5 })
  .map((pairs) =>
    pairs.length ? `?${new URLSearchParams(pairs.map(([k, v]) => [k, v.replace(/[\ud800-\udfff]/g, "")])).toString()}` : "",
  );

/** A param value: junk, or (when the fuzzed user owns one) a real id of the right kind, to get past lookups. */
function paramValue(ids: OwnedIds, key: string): fc.Arbitrary<string> {
  const real = ids[key] ?? [];
  const junk = text.map((v) => v.replace(/[\ud800-\udfff]/g, ""));
  return real.length ? fc.oneof(junk, fc.constantFrom(...real)) : junk;
}

/** Mostly the endpoint's own method; now and then another one, on the same path. */
function methodFor(endpoint: Endpoint): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constant(endpoint.method), weight: 9 },
    { arbitrary: fc.constantFrom("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"), weight: 1 },
  );
}

/** Random malformed requests for one endpoint. GET and HEAD carry no body (fetch forbids one). */
export function casesFor(endpoint: Endpoint, ids: OwnedIds): fc.Arbitrary<FuzzCase> {
  const params = fc.tuple(...endpoint.params.map((p) => paramValue(ids, p.key)));
  return methodFor(endpoint).chain((method) => casesWith(endpoint, method, params));
}

function casesWith(endpoint: Endpoint, method: string, params: fc.Arbitrary<string[]>): fc.Arbitrary<FuzzCase> {
  const bodyless = method === "GET" || method === "HEAD";
  return fc
    .record({
      values: endpoint.params.length ? params : fc.constant([] as string[]),
      query: queryString,
      headers: extraHeaders,
      body: bodyless ? fc.constant({ contentType: null, body: null }) : body,
      session: fc.constantFrom("none" as const, "valid" as const, "broken" as const),
    })
    .map(({ values, query, headers, body: b, session }) => {
      const all: Record<string, string> = { ...headers };
      if (b.contentType !== null) all["Content-Type"] = b.contentType;
      return { path: fillPath(endpoint, (_p, i) => values[i]!) + query, method, headers: all, body: b.body, session };
    });
}

/** Builds the Request body of a case. */
export function bodyOf(c: FuzzCase): BodyInit | null {
  if (c.body === null) return null;
  return "text" in c.body ? c.body.text : new Uint8Array(c.body.bytes);
}
