import type { Signer } from "@trustnxt/c2pa-ts/cose";

/** The secrets that hold the Content Credentials signer (docs/provenance.md, docs/deploy.md). */
export interface CredentialSecrets {
  /** The leaf's private key: PKCS#8, base64 DER, ECDSA P-256. */
  C2PA_SIGNING_KEY?: string;
  /** The leaf's certificate then its issuers, each base64 DER, comma-separated. */
  C2PA_CERT_CHAIN?: string;
}

const fromBase64 = (text: string) => Uint8Array.from(atob(text.trim()), (c) => c.charCodeAt(0));

/**
 * An ES256 signer for c2pa-ts. WebCrypto's ECDSA output is already the raw `r|s` (IEEE P1363) form
 * COSE and c2pa-rs want (c2pa-ts's own signer emits DER, which c2pa-rs refuses). The key is
 * imported non-extractable: nothing in the Worker can read it back.
 */
async function signerFrom(secrets: Required<CredentialSecrets>): Promise<Signer> {
  // Loaded on first use: evaluating the X.509 and C2PA libraries at start-up cost every cold start 30-50 ms more CPU
  // otherwise (bench/README.md, startup), and most isolates never sign.
  const [{ X509Certificate }, { CoseAlgorithmIdentifier }] = await Promise.all([
    import("@peculiar/x509"),
    import("@trustnxt/c2pa-ts/cose"),
  ]);
  const [leaf, ...issuers] = secrets.C2PA_CERT_CHAIN.split(",").map((part) => new X509Certificate(fromBase64(part)));
  if (!leaf) throw new Error("C2PA_CERT_CHAIN holds no certificate");
  const key = await crypto.subtle.importKey("pkcs8", fromBase64(secrets.C2PA_SIGNING_KEY), { name: "ECDSA", namedCurve: "P-256" }, false, [
    "sign",
  ]);
  return {
    certificate: leaf,
    chainCertificates: issuers,
    algorithm: CoseAlgorithmIdentifier.ES256,
    sign: async (payload) => new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, payload)),
  };
}

/** The isolate's signer, made on the first call (never at start-up). */
export type SignerSource = () => Promise<Signer>;

let cached: { source: string; signer: Signer } | null = null;

/**
 * Where the isolate's signer comes from: imported on first use and kept while the secrets stay the
 * same; null when the secrets are not set (files then carry the XMP mark only, and that is logged).
 * Nothing starts until a file is signed: work begun in one request and awaited in another (a job
 * created by a request, signed by a queue consumer) must not depend on the first one's lifetime, so
 * what is shared is the finished signer, not a pending promise.
 */
export function credentialSigner(secrets: CredentialSecrets): SignerSource | null {
  const { C2PA_SIGNING_KEY: key, C2PA_CERT_CHAIN: chain } = secrets;
  if (!key || !chain) return null;
  const source = `${key}|${chain}`;
  return async () => {
    if (cached?.source !== source) cached = { source, signer: await signerFrom({ C2PA_SIGNING_KEY: key, C2PA_CERT_CHAIN: chain }) };
    return cached.signer;
  };
}
