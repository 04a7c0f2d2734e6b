/** The concatenation of `parts`, as one new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

export const ascii = (text: string) => new TextEncoder().encode(text);

export const asciiAt = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));

/** A malformed container: the mark cannot be placed (the caller decides whether that stops the store). */
export class UnmarkableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnmarkableError";
  }
}
