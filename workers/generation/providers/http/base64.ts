import { fromBase64 } from "../../../lib/crypto";

// 64 KiB of base64 (48 KiB of bytes) per chunk: small enough to stay cheap, large enough to be few.
const CHUNK_CHARS = 64 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A base64 payload checked and ready to be streamed as bytes. */
export interface DecodedBase64 {
  bytes: number;
  /** The first bytes, for recognising the format and its dimensions. */
  head: Uint8Array;
  /** A fresh stream of all the bytes, decoded chunk by chunk as it is read. */
  stream(): ReadableStream<Uint8Array>;
}

/**
 * Checks a base64 string and prepares a chunked decoder. The string itself is already in memory
 * (it arrived inside JSON); decoding it piecewise avoids holding a second, decoded copy at once.
 * Returns null when the string is not valid base64.
 */
export function decodeBase64(value: string): DecodedBase64 | null {
  if (value.length === 0 || value.length % 4 !== 0 || !BASE64.test(value)) return null;
  const padding = value.endsWith("==") ? 2 : value.endsWith("=") ? 1 : 0;
  return {
    bytes: (value.length / 4) * 3 - padding,
    head: fromBase64(value.slice(0, CHUNK_CHARS)),
    stream() {
      let offset = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= value.length) return controller.close();
          controller.enqueue(fromBase64(value.slice(offset, offset + CHUNK_CHARS)));
          offset += CHUNK_CHARS;
        },
      });
    },
  };
}
