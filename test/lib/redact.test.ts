import { describe, expect, it } from "vitest";
import { loggablePath, redactSecrets } from "../../workers/lib/redact";

const token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE"; // 43 characters, like a share token
const secret = "f00dfeedf00dfeedf00dfeed";

describe("redactSecrets", () => {
  it("hides the share token in a share path, keeping the rest", () => {
    expect(redactSecrets(`/media/shared/${token}`)).toBe("/media/shared/REDACTED");
    expect(redactSecrets(`/media/shared/${token}?download=1`)).toBe("/media/shared/REDACTED?download=1");
    expect(redactSecrets(`GET https://ausar.example/media/shared/${token} failed`)).toBe(
      "GET https://ausar.example/media/shared/REDACTED failed",
    );
  });

  it("hides the share page's token, plain or encoded, but not a share link's id in the owner's API", () => {
    expect(redactSecrets(`/share/${token}`)).toBe("/share/REDACTED");
    expect(loggablePath(`https://ausar.example/share/${token}x?utm=1`)).toBe("/share/REDACTED?utm=1");
    expect(redactSecrets(`/out?next=${encodeURIComponent(`https://ausar.example/share/${token}`)}`)).not.toContain(token);
    const revoke = "/api/media/0190c0de-0000-7000-8000-000000000001/share/0190c0de-0000-7000-8000-000000000002";
    expect(redactSecrets(revoke)).toBe(revoke);
  });

  it("hides callback and input tokens in query strings, keeping the other parameters", () => {
    const callback = `/webhooks/providers/fal?job=0190c0de-0000-7000-8000-000000000001&token=${secret}`;
    expect(redactSecrets(callback)).toBe("/webhooks/providers/fal?job=0190c0de-0000-7000-8000-000000000001&token=REDACTED");
    expect(redactSecrets(`/webhooks/providers/fal/jobs/j1/inputs/0?token=${secret}#x`)).toBe(
      "/webhooks/providers/fal/jobs/j1/inputs/0?token=REDACTED#x",
    );
    expect(redactSecrets(`/x?a=1&api_key=${secret}&b=2`)).toBe("/x?a=1&api_key=REDACTED&b=2");
    expect(redactSecrets(`/x?Token=${secret}`)).toBe("/x?Token=REDACTED");
    expect(redactSecrets(`/x?sig=abc%2Bdef%3D&next=1`)).toBe("/x?sig=REDACTED&next=1");
  });

  it("hides a token inside a percent-encoded URL carried in another URL's query (fal_webhook=)", () => {
    const inner = encodeURIComponent(`https://ausar.example/webhooks/providers/fal?job=j1&token=${secret}`);
    const outer = `https://queue.fal.run/fal-ai/flux/schnell?fal_webhook=${inner}`;
    const redacted = redactSecrets(`TypeError: fetch failed: POST ${outer}`);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain("job%3Dj1%26token%3DREDACTED");
    const shared = encodeURIComponent(`https://ausar.example/media/shared/${token}`);
    expect(redactSecrets(`/out?next=${shared}`)).not.toContain(token);
  });

  it("leaves text without secrets alone", () => {
    for (const text of [
      "/api/media?limit=60&kind=image",
      "/media/0190c0de-0000-7000-8000-000000000001/thumbnail",
      "keyset pagination",
      "monkey=1",
    ]) {
      expect(redactSecrets(text)).toBe(text);
    }
  });
});

describe("loggablePath", () => {
  it("is the redacted path and query of a URL, without the origin", () => {
    expect(loggablePath(`https://ausar.example/media/shared/${token}?download=1`)).toBe("/media/shared/REDACTED?download=1");
    expect(loggablePath(`http://localhost/webhooks/providers/replicate?job=j&token=${secret}`)).toBe(
      "/webhooks/providers/replicate?job=j&token=REDACTED",
    );
  });
});
