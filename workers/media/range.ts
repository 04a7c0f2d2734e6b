/** A satisfiable byte range, both ends inclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * What a `Range` header asks of a `size`-byte object: one range, `multiple` (served whole, as
 * RFC 9110 §14.2 allows a server to ignore Range), or an answer of 416 for a header that is not a
 * well-formed `bytes=` set or that no byte of the object satisfies.
 */
export type RangeRequest = { kind: "single"; range: ByteRange } | { kind: "multiple" } | { kind: "unsatisfiable" };

const SPEC = /^\s*(\d*)\s*-\s*(\d*)\s*$/;

function parseSpec(spec: string, size: number): ByteRange | "malformed" | "unsatisfiable" {
  const match = SPEC.exec(spec);
  if (!match) return "malformed";
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return "malformed";
  if (first === "") {
    const suffix = Number(last);
    return suffix === 0 || size === 0 ? "unsatisfiable" : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Number(last);
  if (end < start) return "malformed";
  if (start >= size) return "unsatisfiable";
  return { start, end: Math.min(end, size - 1) };
}

/** Parses a `Range` header against an object of `size` bytes. */
export function parseRange(header: string, size: number): RangeRequest {
  const match = /^\s*bytes\s*=(.*)$/i.exec(header);
  if (!match) return { kind: "unsatisfiable" };
  const specs = match[1]!.split(",");
  const parsed = specs.map((spec) => parseSpec(spec, size));
  if (parsed.includes("malformed")) return { kind: "unsatisfiable" };
  const satisfiable = parsed.filter((p): p is ByteRange => typeof p === "object");
  if (satisfiable.length === 0) return { kind: "unsatisfiable" };
  if (specs.length > 1) return { kind: "multiple" };
  return { kind: "single", range: satisfiable[0]! };
}
