import { describe, expect, it } from "vitest";
import { readBounded, readBoundedText } from "../../workers/lib/bounded-read";

/** A stream of `chunks` that records how far it was read and whether it was cancelled. */
function source(chunks: Uint8Array[]) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks[seen.pulled++];
        if (next) controller.enqueue(next);
        else controller.close();
      },
      cancel() {
        seen.cancelled = true;
      },
      // Pulled only when read, so "nothing was read" is observable.
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

const bytes = (n: number, value = 1) => new Uint8Array(n).fill(value);

describe("readBounded", () => {
  it("joins chunks up to the cap exactly", async () => {
    const { stream } = source([bytes(3, 1), bytes(2, 2)]);
    expect(Array.from((await readBounded(stream, 5)) ?? [])).toEqual([1, 1, 1, 2, 2]);
  });

  it("grows past a wrong size hint", async () => {
    const { stream } = source([bytes(4), bytes(4), bytes(4)]);
    expect((await readBounded(stream, 100, 2))?.byteLength).toBe(12);
  });

  it("stops and cancels the stream one byte past the cap", async () => {
    const { stream, seen } = source([bytes(5), bytes(1), bytes(100), bytes(100)]);
    expect(await readBounded(stream, 5)).toBeNull();
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(4);
  });

  it("drains the rest without keeping it when asked to", async () => {
    const { stream, seen } = source([bytes(5), bytes(1), bytes(100), bytes(100)]);
    expect(await readBounded(stream, 5, null, "drain")).toBeNull();
    expect(seen.cancelled).toBe(false);
    expect(seen.pulled).toBe(5);
  });
});

describe("readBoundedText", () => {
  it("decodes the exact text, including characters split across chunks", async () => {
    const encoded = new TextEncoder().encode("héllo ✓");
    const { stream } = source([encoded.subarray(0, 2), encoded.subarray(2, 9), encoded.subarray(9)]);
    expect(await readBoundedText(new Response(stream), 64)).toBe("héllo ✓");
  });

  it("refuses a declared length past the cap before reading a byte, and releases the response", async () => {
    const { stream, seen } = source([bytes(10)]);
    const response = new Response(stream, { headers: { "Content-Length": "10" } });
    expect(await readBoundedText(response, 9)).toBeNull();
    expect(seen.pulled).toBe(0);
    expect(seen.cancelled).toBe(true);
  });

  it("counts an undeclared body while it streams", async () => {
    const request = new Request("https://example.test/", { method: "POST", body: source([bytes(6), bytes(6)]).stream });
    expect(await readBoundedText(request, 10)).toBeNull();
  });

  it("reads a missing body as empty text", async () => {
    expect(await readBoundedText(new Response(null), 10)).toBe("");
  });
});
