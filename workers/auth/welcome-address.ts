import { toHex } from "../lib/crypto";

/** Gmail ignores dots in the local part and answers to both domains (Google's "dots don't matter" help page). */
const GMAIL_DOMAINS = new Set(["gmail.com", "googlemail.com"]);

/**
 * The mailbox an address delivers to, as far as the welcome grant is concerned: trimmed,
 * lower-cased, Unicode normalised (NFC), the domain in its ASCII (punycode) form without a
 * trailing dot, a `+tag` sub-address dropped, and for Gmail the dots gone and googlemail.com read
 * as gmail.com. Only used to decide "same person, same grant": the account keeps the address as typed.
 */
export function welcomeAddress(email: string): string {
  const text = email.normalize("NFC").trim().toLowerCase();
  const at = text.lastIndexOf("@");
  if (at <= 0 || at === text.length - 1) return text;
  let local = text.slice(0, at).trim();
  let domain = asciiDomain(text.slice(at + 1).trim());
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    domain = "gmail.com";
    local = local.replaceAll(".", "");
  }
  return `${local}@${domain}`;
}

/** The domain as DNS sees it (IDNA to punycode by the URL parser), or as given when it is not a host name. */
function asciiDomain(domain: string): string {
  const bare = domain.replace(/\.+$/, "");
  try {
    return new URL(`http://${bare}/`).hostname;
  } catch {
    return bare;
  }
}

/** HMAC-SHA-256 (hex) of the normalised address under the server secret: the welcome record's key. */
export async function welcomeAddressHash(secret: string, email: string): Promise<string> {
  if (!secret) throw new Error("EMAIL_HASH_SECRET is not configured");
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(welcomeAddress(email)));
  return toHex(mac);
}
