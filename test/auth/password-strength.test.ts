import { describe, expect, it } from "vitest";
import { judgePassword } from "../../workers/auth/password-strength";

describe("password strength", () => {
  it("refuses common and guessable passwords with advice", async () => {
    for (const weak of ["password123", "qwertyuiop", "1234567890", "iloveyou2024"]) {
      const verdict = await judgePassword(weak, []);
      expect(verdict.ok, weak).toBe(false);
      if (!verdict.ok) expect(verdict.message.length).toBeGreaterThan(5);
    }
  });

  it("refuses a password built from the person's own name or email", async () => {
    expect((await judgePassword("margaretthatcher1", ["margaret.thatcher@example.com", "Margaret Thatcher"])).ok).toBe(false);
  });

  it("accepts a long passphrase of unrelated words", async () => {
    expect((await judgePassword("violet-tractor-umbrella-sings", [])).ok).toBe(true);
  });
});
