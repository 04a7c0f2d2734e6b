import { sha256Hex } from "../../lib/crypto";
import type { Ed25519Jwks } from "./http/ed25519-jwks";

/** fal's replay window: a delivery whose timestamp is more than five minutes off is refused. */
const FAL_WEBHOOK_TOLERANCE_SECONDS = 300;

const encoder = new TextEncoder();

/**
 * Checks fal's webhook signature: hex Ed25519 over
 * `request_id \n user_id \n timestamp \n hex(sha256(raw body))`, made with any key fal publishes.
 * Returns the signed request id, or null when anything is missing, stale or does not verify.
 */
export async function verifyFalWebhook(jwks: Ed25519Jwks, headers: Headers, rawBody: string, nowMs: number): Promise<string | null> {
  const requestId = headers.get("x-fal-webhook-request-id");
  const userId = headers.get("x-fal-webhook-user-id");
  const timestamp = headers.get("x-fal-webhook-timestamp");
  const signatureHex = headers.get("x-fal-webhook-signature");
  if (!requestId || !userId || !timestamp || !signatureHex) return null;
  if (!/^\d{1,12}$/.test(timestamp)) return null;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > FAL_WEBHOOK_TOLERANCE_SECONDS) return null;
  const signature = hexToBytes(signatureHex);
  if (signature?.length !== 64) return null;
  const message = encoder.encode(`${requestId}\n${userId}\n${timestamp}\n${await sha256Hex(rawBody)}`);
  return (await jwks.verify(signature, message)) ? requestId : null;
}

function hexToBytes(hex: string): Uint8Array | null {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
