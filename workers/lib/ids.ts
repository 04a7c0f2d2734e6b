import { ID_PATTERN } from "../../shared/ids";
import { toHex } from "./crypto";

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds then random bits, so ids sort by
 * creation time and index locality stays good for time-ordered tables.
 */
export function newId(now: number = Date.now()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms & 0xff;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return idFromBytes(bytes);
}

/** 16 bytes written the way ids are: lower-case hex grouped 8-4-4-4-12. */
export function idFromBytes(bytes: Uint8Array): string {
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The 16 bytes of an id (the inverse of `idFromBytes`). */
export function idToBytes(id: string): Uint8Array {
  const hex = id.replace(/-/g, "");
  return Uint8Array.from({ length: 16 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

/** True when `value` has the shape of an id made by `newId`. */
export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}
