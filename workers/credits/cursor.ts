import { toBase64Url, toHex } from "../lib/crypto";
import { isId } from "../lib/ids";

const CURSOR_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * A ledger page cursor: the last row's id (a UUIDv7), as 16 bytes in URL-safe base64. Opaque to
 * clients; the server also checks that the row exists in the caller's own ledger, so a made-up
 * or someone else's cursor is refused rather than read as a position.
 */
export function encodeCursor(rowId: string): string {
  const hex = rowId.replace(/-/g, "");
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return toBase64Url(bytes);
}

/** The row id inside a cursor, or null when it is not one of ours. */
export function decodeCursor(cursor: string): string | null {
  if (!CURSOR_PATTERN.test(cursor)) return null;
  const binary = atob(`${cursor.replace(/-/g, "+").replace(/_/g, "/")}==`);
  const hex = toHex(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return isId(id) ? id : null;
}
