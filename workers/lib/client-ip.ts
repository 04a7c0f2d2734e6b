/**
 * The client's IP as Cloudflare reports it. Used only as a rate-limit key and never stored
 * with personal data. Local runs without the header share one bucket.
 */
export function clientIp(headers: Headers): string {
  return headers.get("CF-Connecting-IP") ?? "local";
}
