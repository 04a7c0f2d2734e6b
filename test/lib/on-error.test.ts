import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import { onError } from "../../workers/lib/on-error";

const token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE";

afterEach(() => vi.restoreAllMocks());

describe("onError logging", () => {
  it("logs an unexpected error with the share token, callback token and URLs in its text redacted", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: unknown) => void lines.push(String(line)));
    const app = new Hono()
      .get("/media/shared/:token", (c) => {
        throw new Error(`R2 failed for ${c.req.url}`);
      })
      .post("/webhooks/providers/fal", () => {
        throw new TypeError("fetch failed: https://ausar.example/webhooks/providers/fal?job=j1&token=callback-secret-123");
      });
    app.onError(onError);

    const shared = await app.request(`/media/shared/${token}?download=1`);
    expect(shared.status).toBe(500);
    const callback = await app.request("/webhooks/providers/fal?job=j1&token=callback-secret-123", { method: "POST" });
    expect(callback.status).toBe(500);

    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((line) => JSON.parse(line) as { path: string; error: string; stack: string });
    expect(first!.path).toBe("/media/shared/REDACTED?download=1");
    expect(second!.path).toBe("/webhooks/providers/fal?job=j1&token=REDACTED");
    for (const line of lines) {
      expect(line).not.toContain(token);
      expect(line).not.toContain("callback-secret-123");
    }
    expect(first!.error).toContain("/media/shared/REDACTED");
    expect(second!.stack).toContain("token=REDACTED");
  });
});
