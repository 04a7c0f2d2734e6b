import { env } from "cloudflare:workers";
import { X509Certificate } from "@peculiar/x509";
import { describe, expect, it } from "vitest";
import type { TrustAnchorsView } from "../../shared/provenance/trust-anchors";
import { createApp } from "../../workers/app";
import { api } from "../support/users";

describe("GET /api/provenance/trust-anchors", () => {
  it("publishes the configured anchors without a session: locally the test CA that issued the signer", async () => {
    const res = await api("/api/provenance/trust-anchors");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=3600");
    const { anchors } = await res.json<TrustAnchorsView>();
    expect(anchors).toHaveLength(1);
    const anchor = new X509Certificate(Uint8Array.from(atob(anchors[0]!), (c) => c.charCodeAt(0)));
    expect(anchor.subject).toContain("CN=Ausar local test CA");
    expect(anchor.subject).toBe(anchor.issuer);
    // The CA that issued the signing certificate the Worker signs with.
    expect(env.C2PA_CERT_CHAIN.split(",").at(-1)).toBe(anchors[0]);
  });

  it("answers an empty list when none is configured, and skips entries that are not base64", async () => {
    const app = createApp();
    const none = await app.request("/api/provenance/trust-anchors", {}, { ...env, C2PA_TRUST_ANCHORS: undefined } as unknown as Env);
    expect(await none.json()).toEqual({ anchors: [] });
    const mixed = await app.request("/api/provenance/trust-anchors", {}, { ...env, C2PA_TRUST_ANCHORS: "not base64!, QUJD" });
    expect(await mixed.json()).toEqual({ anchors: ["QUJD"] });
  });
});
