import { type Asset, JPEG, PNG } from "@trustnxt/c2pa-ts/asset";
import type { Signer } from "@trustnxt/c2pa-ts/cose";
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
import type { ProvenanceMark } from "../xmp";
import { WebpAsset } from "./webp-asset";

/** The claim generator every Ausar manifest names. */
const CLAIM_GENERATOR = "Ausar";

/** Bytes besides the certificates that the COSE signature may take (signature, headers, CBOR framing). */
const SIGNATURE_ROOM = 256;

const ASSETS: Record<string, (bytes: Uint8Array) => Asset> = {
  "image/png": (bytes) => new PNG(bytes),
  "image/jpeg": (bytes) => new JPEG(bytes),
  "image/webp": (bytes) => new WebpAsset(bytes),
};

/**
 * The image with a signed C2PA manifest: one `c2pa.created` action with the mark's digital source
 * type and the model and provider as its software agent, Ausar as claim generator, and a data hash
 * over every byte but the manifest's own. Nothing about the person goes in (the instance id is a
 * fresh random one). Sign last: any later edit breaks the hash.
 */
export async function signImage(bytes: Uint8Array, contentType: string, mark: ProvenanceMark, signer: Signer): Promise<Uint8Array> {
  const makeAsset = ASSETS[contentType];
  if (!makeAsset) throw new Error(`cannot sign ${contentType}`);
  const asset = makeAsset(bytes);
  const store = new ManifestStore();
  const manifest = store.createManifest({
    claimVersion: ClaimVersion.V2,
    assetFormat: contentType,
    instanceID: `xmp:iid:${crypto.randomUUID()}`,
    defaultHashAlgorithm: "SHA-256",
    signer,
  });
  // c2pa-ts reserves 25,000 bytes in the signature for an RFC 3161 timestamp; without one, room for
  // the certificate chain (in the protected header) and the 64-byte signature is enough.
  manifest.signature = Signature.create(
    signer,
    SIGNATURE_ROOM + [signer.certificate, ...signer.chainCertificates].reduce((sum, c) => sum + c.rawData.byteLength, 0),
  );
  manifest.claim!.claimGeneratorName = CLAIM_GENERATOR;
  manifest.claim!.claimGeneratorVersion = undefined;
  const actions = new ActionAssertion();
  actions.label = AssertionLabels.actionsV2;
  actions.actions = [
    {
      action: ActionType.C2paCreated,
      digitalSourceType: mark.digitalSourceType as DigitalSourceType,
      softwareAgent: { name: mark.softwareAgent },
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
