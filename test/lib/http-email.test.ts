import { describe, expect, it } from "vitest";
import { httpEmailSender, RESEND_ENDPOINT } from "../../workers/lib/email/http-sender";

const message = { to: "ada@example.com", subject: "Hello", text: "Hi", html: "<p>Hi</p>", userId: "u1" };

describe("HTTP email sender (Resend's API shape)", () => {
  it("posts the message with the key as a Bearer token", async () => {
    const seen: Request[] = [];
    const sender = httpEmailSender({
      apiKey: "re_test",
      from: "Ausar <no-reply@ausar.example>",
      fetch: async (input, init) => {
        seen.push(new Request(input, init));
        return Response.json({ id: "email_1" });
      },
    });
    await sender.send(message);
    expect(seen).toHaveLength(1);
    const request = seen[0]!;
    expect(request.url).toBe(RESEND_ENDPOINT);
    expect(request.method).toBe("POST");
    expect(request.headers.get("Authorization")).toBe("Bearer re_test");
    expect(await request.json()).toEqual({
      from: "Ausar <no-reply@ausar.example>",
      to: ["ada@example.com"],
      subject: "Hello",
      text: "Hi",
      html: "<p>Hi</p>",
    });
  });

  it("throws with the provider's answer when it refuses, so the failure is logged", async () => {
    const sender = httpEmailSender({
      apiKey: "bad",
      from: "x@ausar.example",
      fetch: async () => Response.json({ message: "API key is invalid" }, { status: 401 }),
    });
    await expect(sender.send(message)).rejects.toThrow(/401.*API key is invalid/);
  });
});
