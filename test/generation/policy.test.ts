import { describe, expect, it } from "vitest";
import { afterFailure, MAX_ATTEMPTS, pollDelaySeconds, retryDelaySeconds } from "../../workers/generation/policy";
import { holdDescription, refundReason } from "../../workers/generation/settlement";

const mid = () => 0.5;

describe("retry policy", () => {
  it("backs off exponentially to a cap, with jitter, honouring Retry-After", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelaySeconds(n, undefined, mid))).toEqual([2, 4, 8, 16, 32, 60, 60]);
    expect(retryDelaySeconds(1, undefined, () => 0)).toBe(2);
    expect(retryDelaySeconds(3, undefined, () => 0.999)).toBe(10);
    expect(retryDelaySeconds(1, 30, mid)).toBe(30);
    expect(retryDelaySeconds(1, 10 ** 9, mid)).toBe(43_200);
  });

  it("retries only retryable failures, while attempts and time remain", () => {
    const now = 1_000_000;
    const far = now + 3_600_000;
    expect(afterFailure({ retryable: true }, 1, now, far, mid)).toEqual({ action: "retry", delaySeconds: 2 });
    expect(afterFailure({ retryable: false }, 1, now, far, mid)).toEqual({ action: "fail" });
    expect(afterFailure({ retryable: true }, MAX_ATTEMPTS, now, far, mid)).toEqual({ action: "fail" });
    expect(afterFailure({ retryable: true, retryAfterSeconds: 120 }, 1, now, now + 60_000, mid)).toEqual({ action: "fail" });
  });

  it("polls quickly at first, then every 30 s at most; with a webhook only as a safety net", () => {
    expect([1, 2, 3, 4, 5, 10].map((n) => pollDelaySeconds(n, false, mid))).toEqual([2, 3, 5, 7, 10, 30]);
    expect(pollDelaySeconds(1, true, mid)).toBe(30);
  });
});

describe("ledger wording", () => {
  it("says what was held and why it came back", () => {
    expect(holdDescription("image", 1)).toBe("Generation — 1 image");
    expect(holdDescription("image", 2)).toBe("Generation — 2 images");
    expect(holdDescription("video", 1, 6)).toBe("Generation — 6-second video");
    expect(refundReason("provider_error")).toBe("provider failed");
    expect(refundReason("canceled")).toBe("canceled");
    expect(refundReason("timed_out")).toBe("timed out");
  });
});
