import { fromBase64Url, toBase64Url } from "../lib/crypto";
import { AppError } from "../lib/errors";
import { isId } from "../lib/ids";

/** A position in the newest-first order: the last item of the previous page. */
export interface MediaCursor {
  createdAt: number;
  id: string;
}

/** Opaque to clients; it only names a position, so a forged one can reveal nothing (every query is per user). */
export function encodeCursor(cursor: MediaCursor): string {
  return toBase64Url(new TextEncoder().encode(`${cursor.createdAt}:${cursor.id}`));
}

/** Reads a cursor back, or throws 400 `invalid_cursor` for anything this server did not make. */
export function decodeCursor(value: string): MediaCursor {
  const invalid = new AppError("invalid_cursor", "That page cursor is not valid. Start again from the first page.");
  if (!/^[A-Za-z0-9_-]{1,120}$/.test(value)) throw invalid;
  let text: string;
  try {
    text = new TextDecoder().decode(fromBase64Url(value));
  } catch {
    throw invalid;
  }
  const match = /^(\d{1,15}):(.+)$/.exec(text);
  if (!match || !isId(match[2]!)) throw invalid;
  return { createdAt: Number(match[1]), id: match[2]! };
}
