// Signing files in the test itself (Node), for the cases the demo pipeline does not produce: a WebP
// (Ausar's thumbnails are WebP only for transparent images, which the demo never draws) and a file
// signed by an issuer that is not on the trust list. The manifest is built as the Worker builds its
// own (workers/provenance/c2pa/sign.ts), with c2pa-ts and the shared WebP asset.

import { webcrypto } from "node:crypto";
import { readFileSync } from "node:fs";
import * as x509 from "@peculiar/x509";
import { type Asset, JPEG, PNG } from "@trustnxt/c2pa-ts/asset";
import { CoseAlgorithmIdentifier, type Signer } from "@trustnxt/c2pa-ts/cose";
import {
  ActionAssertion,
  ActionType,
  AssertionLabels,
  ClaimVersion,
  DataHashAssertion,
  type DigitalSourceType,
  ManifestStore,
  Signature,
} from "@trustnxt/c2pa-ts/manifest";
import { WebpAsset } from "../../../shared/provenance/webp-asset";

x509.cryptoProvider.set(webcrypto as Crypto);
const ec = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
const fromBase64 = (text: string) => Uint8Array.from(Buffer.from(text, "base64"));

async function signerOf(key: CryptoKey, leaf: x509.X509Certificate, issuers: x509.X509Certificate[]): Promise<Signer> {
  return {
    certificate: leaf,
    chainCertificates: issuers,
    algorithm: CoseAlgorithmIdentifier.ES256,
    sign: async (payload) => new Uint8Array(await webcrypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, payload)),
  };
}

/** The checkout's own signer from .dev.vars (the one the dev server signs with, under the local test CA). */
export async function devSigner(): Promise<Signer> {
  const vars = readFileSync(".dev.vars", "utf8");
  const key = /^C2PA_SIGNING_KEY=(\S+)/m.exec(vars)?.[1];
  const chain = /^C2PA_CERT_CHAIN=(\S+)/m.exec(vars)?.[1];
  if (!key || !chain) throw new Error("no C2PA signer in .dev.vars (node .ci/ensure-dev-vars.mjs makes one)");
  const [leaf, ...issuers] = chain.split(",").map((part) => new x509.X509Certificate(fromBase64(part)));
  const imported = await webcrypto.subtle.importKey("pkcs8", fromBase64(key), { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
  return signerOf(imported, leaf!, issuers);
}

/** A CA made here and now (a day long), with its key. */
export async function makeCa(name: string): Promise<{ certificate: x509.X509Certificate; keys: CryptoKeyPair }> {
  const keys = await webcrypto.subtle.generateKey(ec, true, ["sign", "verify"]);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 24 * 3600 * 1000),
    keys,
    signingAlgorithm: ec,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificate, keys };
}

/** A C2PA signer's certificate (CA:FALSE, digitalSignature, emailProtection) issued by `ca`, and its signer. */
export async function makeSigner(ca: { certificate: x509.X509Certificate; keys: CryptoKeyPair }, subject: string): Promise<Signer> {
  const keys = await webcrypto.subtle.generateKey(ec, true, ["sign", "verify"]);
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: "02",
    subject,
    issuer: ca.certificate.subject,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 24 * 3600 * 1000),
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: ec,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.emailProtection]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
    ],
  });
  return signerOf(keys.privateKey, leaf, [ca.certificate]);
}

/** A signer under a CA made here and now: well-formed for C2PA, but no trust list has its CA. */
export async function strangerSigner(): Promise<Signer> {
  return makeSigner(await makeCa("CN=Elsewhere Media CA, O=Elsewhere"), "CN=Elsewhere signer, O=Elsewhere");
}

const ASSETS: Record<string, (bytes: Uint8Array) => Asset> = {
  "image/png": (bytes) => new PNG(bytes),
  "image/jpeg": (bytes) => new JPEG(bytes),
  "image/webp": (bytes) => new WebpAsset(bytes),
};

/** The image with a C2PA manifest: one `c2pa.created` action (source type, software agent), a data hash, an ES256 signature. */
export async function signImage(
  bytes: Uint8Array,
  contentType: string,
  signer: Signer,
  action: { digitalSourceType: string; softwareAgent: string; claimGenerator: string },
): Promise<Uint8Array> {
  const asset = ASSETS[contentType]!(bytes);
  const store = new ManifestStore();
  const manifest = store.createManifest({
    claimVersion: ClaimVersion.V2,
    assetFormat: contentType,
    instanceID: `xmp:iid:${crypto.randomUUID()}`,
    defaultHashAlgorithm: "SHA-256",
    signer,
  });
  manifest.signature = Signature.create(
    signer,
    256 + [signer.certificate, ...signer.chainCertificates].reduce((n, c) => n + c.rawData.byteLength, 0),
  );
  manifest.claim!.claimGeneratorName = action.claimGenerator;
  const actions = new ActionAssertion();
  actions.label = AssertionLabels.actionsV2;
  actions.actions = [
    {
      action: ActionType.C2paCreated,
      digitalSourceType: action.digitalSourceType as DigitalSourceType,
      softwareAgent: { name: action.softwareAgent },
    },
  ];
  manifest.addAssertion(actions);
  const hash = DataHashAssertion.create("SHA-256");
  manifest.addAssertion(hash);
  await asset.ensureManifestSpace(store.measureSize());
  await hash.updateWithAsset(asset);
  await manifest.sign(signer);
  await asset.writeManifestJUMBF(store.getBytes());
  return asset.getDataRange();
}
