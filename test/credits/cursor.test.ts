import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../../workers/credits/cursor";
import { newId } from "../../workers/lib/ids";

describe("ledger cursors", () => {
  it("round-trip a row id in 22 URL-safe characters", () => {
    for (let i = 0; i < 200; i++) {
      const id = newId();
      const cursor = encodeCursor(id);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(decodeCursor(cursor)).toBe(id);
    }
  });

  it.each(["", "short", "A".repeat(21), "A".repeat(23), "AAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAA+/", "AAAAAAAAAAAAAAAAAAAAAA"])(
    "refuse %j",
    (cursor) => {
      expect(decodeCursor(cursor)).toBeNull();
    },
  );
});
