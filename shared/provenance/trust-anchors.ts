/** Where the Worker publishes the certificates /verify trusts as Content Credentials issuers. */
export const TRUST_ANCHORS_PATH = "/api/provenance/trust-anchors";

/** `GET /api/provenance/trust-anchors`: the configured trust anchors (base64 DER certificates); empty when none is set. */
export interface TrustAnchorsView {
  anchors: string[];
}
