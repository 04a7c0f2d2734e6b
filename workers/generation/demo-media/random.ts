/** Deterministic hashing and pseudo-randomness: the same prompt and seed always draw the same scene. */

/** FNV-1a over the UTF-8 bytes of `text`: a stable 32-bit fingerprint of the prompt. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3's 32-bit finaliser: spreads every input bit over the whole word. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** One 32-bit state from a prompt and an integer seed (any safe integer, negative included). */
export function sceneSeed(prompt: string, seed: number): number {
  const low = seed >>> 0;
  const high = Math.floor(seed / 4294967296) >>> 0;
  return mix32(hashString(prompt) ^ mix32(low ^ mix32(high + 0x9e3779b9)));
}

/** A uniform [0, 1) generator (mulberry32): tiny, fast, and identical on every JavaScript engine. */
export function prng(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A value in [0, 1) for one pixel, used for film grain; pure integer maths so it stays cheap per pixel. */
export function pixelNoise(x: number, y: number, salt: number): number {
  return mix32(Math.imul(x, 0x27d4eb2d) ^ Math.imul(y + 0x9e37, 0x165667b1) ^ salt) / 4294967296;
}
