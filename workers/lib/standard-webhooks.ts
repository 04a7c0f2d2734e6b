import { fromBase64, timingSafeEqual, toBase64 } from "./crypto";

/** Standard Webhooks' tolerance: a delivery more than five minutes early or late is refused. */
const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export type WebhookVerification =
  | { ok: true; id: string; timestamp: number }
  | { ok: false; reason: "missing_headers" | "bad_timestamp" | "stale_timestamp" | "no_matching_signature" };

const encoder = new TextEncoder();

function base64ToBytes(value: string): Uint8Array | null {
  try {
    return fromBase64(value);
  } catch {
    return null;
  }
}

/**
 * The HMAC key for a Standard Webhooks secret: `whsec_<base64>` secrets are decoded, any other
 * string (Whop's `ws_…`) is used as its UTF-8 bytes, as Whop's SDK does with `btoa(secret)`.
 */
export function webhookKeyBytes(secret: string): Uint8Array {
  if (secret.startsWith("whsec_")) return base64ToBytes(secret.slice("whsec_".length)) ?? encoder.encode(secret);
  return encoder.encode(secret);
}

/** Signs `${id}.${timestamp}.${body}` as Standard Webhooks does: `v1,<base64 HMAC-SHA256>`. */
export async function signWebhook(key: Uint8Array, id: string, timestamp: number, body: string): Promise<string> {
  const hmac = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", hmac, encoder.encode(`${id}.${timestamp}.${body}`)));
  return `v1,${toBase64(mac)}`;
}

/**
 * Verifies a Standard Webhooks delivery on its raw body: any one of the space-separated `v1`
 * signatures may match (key rotation), compared in constant time, within the time tolerance.
 */
export async function verifyWebhook(
  key: Uint8Array,
  headers: Headers,
  rawBody: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): Promise<WebhookVerification> {
  const id = headers.get("webhook-id");
  const timestampHeader = headers.get("webhook-timestamp");
  const signatures = headers.get("webhook-signature");
  if (!id || !timestampHeader || !signatures) return { ok: false, reason: "missing_headers" };
  if (!/^\d{1,12}$/.test(timestampHeader)) return { ok: false, reason: "bad_timestamp" };
  const timestamp = Number(timestampHeader);
  if (Math.abs(nowSeconds - timestamp) > WEBHOOK_TOLERANCE_SECONDS) return { ok: false, reason: "stale_timestamp" };

  const expected = base64ToBytes((await signWebhook(key, id, timestamp, rawBody)).slice(3));
  for (const entry of signatures.split(" ")) {
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || !value || !expected) continue;
    const given = base64ToBytes(value);
    if (given && timingSafeEqual(given, expected)) return { ok: true, id, timestamp };
  }
  return { ok: false, reason: "no_matching_signature" };
}
