/**
 * Secrets that travel in URLs and must never reach a log: share-link tokens (the path segment after
 * `/media/shared/`, and after `/share/` for the share page) and the tokens, keys and signatures in query strings (provider callback and
 * input links carry `?token=`; fal's `fal_webhook=` carries our whole callback URL, percent-encoded).
 */
const REDACTED = "REDACTED";

// `/media/shared/<token>`, plain or percent-encoded inside another URL's query.
const SHARE_TOKEN = /((?:\/|%2F)media(?:\/|%2F)shared(?:\/|%2F))[^/?#&\s"'%]+/gi;
// `/share/<token>`, the share page: only a token-length segment, since `/api/media/:id/share/:shareId` ends in an id that is no secret.
const SHARE_PAGE_TOKEN = /((?:\/|%2F)share(?:\/|%2F))[A-Za-z0-9_-]{43,}/gi;

// A query parameter whose name says it is secret, plain (`?token=`) or encoded (`%3Ftoken%3D`), up to
// the next `&` / `%26`, `#` / `%23`, quote or space.
const SECRET_PARAM =
  /((?:[?&]|%3F|%26)[\w.-]*(?:token|secret|signature|sig|key|code|password|jwt|auth)[\w.-]*(?:=|%3D))(?:[^&#\s"'%]|%(?!26|23)[0-9a-f]{2})+/gi;

/** `text` (a path, a URL, an error message or stack) with share tokens and secret query values replaced. */
export function redactSecrets(text: string): string {
  return text.replace(SHARE_TOKEN, `$1${REDACTED}`).replace(SHARE_PAGE_TOKEN, `$1${REDACTED}`).replace(SECRET_PARAM, `$1${REDACTED}`);
}

/** A request's path and query as they may be logged: `/media/shared/REDACTED`, `?job=…&token=REDACTED`. */
export function loggablePath(url: string): string {
  const parsed = new URL(url);
  return redactSecrets(`${parsed.pathname}${parsed.search}`);
}
