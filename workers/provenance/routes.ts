import { Hono } from "hono";
import { TRUST_ANCHORS_PATH, type TrustAnchorsView } from "../../shared/provenance/trust-anchors";
import type { AppEnv } from "../app-env";

/**
 * The certificates the public /verify page treats as trusted Content Credentials issuers
 * (`C2PA_TRUST_ANCHORS`, base64 DER, comma-separated: locally the test CA, in production the root of
 * the signing CA). Public: certificates are public, and the page works without signing in. The browser
 * checks the chain itself (web/src/pages/verify/), so nothing about the file reaches the Worker.
 */
export const provenanceRoutes = new Hono<AppEnv>().get(TRUST_ANCHORS_PATH, (c) => {
  const anchors = (c.env.C2PA_TRUST_ANCHORS ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => /^[A-Za-z0-9+/]+={0,2}$/.test(part));
  c.header("Cache-Control", "public, max-age=3600");
  return c.json({ anchors } satisfies TrustAnchorsView);
});
