import { fromBase64Url, toBase64Url } from "../lib/crypto";
import { idFromBytes, idToBytes, isId } from "../lib/ids";

const CURSOR_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * A ledger page cursor: the last row's id (a UUIDv7), as 16 bytes in URL-safe base64. Opaque to
 * clients; the server also checks that the row exists in the caller's own ledger, so a made-up
 * or someone else's cursor is refused rather than read as a position.
 */
export function encodeCursor(rowId: string): string {
  return toBase64Url(idToBytes(rowId));
}

/** The row id inside a cursor, or null when it is not one of ours. */
export function decodeCursor(cursor: string): string | null {
  if (!CURSOR_PATTERN.test(cursor)) return null;
  const id = idFromBytes(fromBase64Url(cursor));
  return isId(id) ? id : null;
}
