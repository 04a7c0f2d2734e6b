// A local test CA and a signing certificate it issued, written into .dev.vars when missing, so the
// offline product signs its outputs' Content Credentials (docs/provenance.md). C2PA readers refuse
// a self-signed signer, hence the two levels. Local only: production uses a certificate from a CA
// on the C2PA trust list (docs/deploy.md).
import { webcrypto } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import * as x509 from "@peculiar/x509";

const FILE = ".dev.vars";
const YEAR_MS = 365 * 24 * 3600 * 1000;

x509.cryptoProvider.set(webcrypto);
const ec = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
const b64 = (bytes) => Buffer.from(bytes).toString("base64");

async function issue() {
  const now = new Date();
  const caKeys = await webcrypto.subtle.generateKey(ec, true, ["sign", "verify"]);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: "CN=Ausar local test CA, O=Ausar development",
    notBefore: now,
    notAfter: new Date(now.getTime() + 10 * YEAR_MS),
    keys: caKeys,
    signingAlgorithm: ec,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const leafKeys = await webcrypto.subtle.generateKey(ec, true, ["sign", "verify"]);
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: "02",
    subject: "CN=Ausar local signer, O=Ausar development",
    issuer: ca.subject,
    notBefore: now,
    notAfter: new Date(now.getTime() + 5 * YEAR_MS),
    publicKey: leafKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ec,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.emailProtection]),
      await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca),
    ],
  });
  const key = await webcrypto.subtle.exportKey("pkcs8", leafKeys.privateKey);
  return { key: b64(key), chain: [leaf, ca].map((cert) => b64(cert.rawData)).join(",") };
}

let current = readFileSync(FILE, "utf8");
if (!/^C2PA_SIGNING_KEY=\S/m.test(current)) {
  const { key, chain } = await issue();
  const lines = current.replace(/^C2PA_(SIGNING_KEY|CERT_CHAIN|TRUST_ANCHORS)=.*\n?/gm, "");
  const block =
    "\n# Content Credentials signer: a key and certificates made for this checkout by .ci/ensure-c2pa-dev-cert.mjs\n" +
    `C2PA_SIGNING_KEY=${key}\nC2PA_CERT_CHAIN=${chain}\n`;
  // An empty placeholder (from .dev.vars.example) is replaced rather than repeated.
  current = `${lines.trimEnd()}\n${block}`;
  writeFileSync(FILE, current);
  console.log("Added a local C2PA test CA and signing certificate to .dev.vars.");
}
// The trust anchor /verify checks against (GET /api/provenance/trust-anchors): locally, the test CA
// that issued the signer, i.e. the last certificate of the chain (added to checkouts made before it).
if (!/^C2PA_TRUST_ANCHORS=\S/m.test(current)) {
  const chain = /^C2PA_CERT_CHAIN=(\S+)/m.exec(current)?.[1]?.split(",") ?? [];
  const root = chain.length > 1 ? new x509.X509Certificate(Buffer.from(chain.at(-1), "base64")) : null;
  if (root && root.subject === root.issuer && root.subject.includes("Ausar local test CA")) {
    const lines = current.replace(/^(# The local test CA: the trust anchor.*\n)?C2PA_TRUST_ANCHORS=.*\n?/gm, "");
    const block = `# The local test CA: the trust anchor /verify checks against (docs/provenance.md)\nC2PA_TRUST_ANCHORS=${chain.at(-1)}\n`;
    writeFileSync(FILE, `${lines.trimEnd()}\n${block}`);
    console.log("Added the local C2PA test CA as the trust anchor to .dev.vars.");
  }
}
