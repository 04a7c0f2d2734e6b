import { type Asset, JPEG, PNG } from "@trustnxt/c2pa-ts/asset";
import type { Signer } from "@trustnxt/c2pa-ts/cose";
import { SuperBox } from "@trustnxt/c2pa-ts/jumbf";
import {
  type Action,
  ActionAssertion,
  ActionType,
  AssertionLabels,
  BMFFHashAssertion,
  ClaimVersion,
  DataHashAssertion,
  type DigitalSourceType,
  IngredientAssertion,
  type Manifest,
  ManifestStore,
  RelationshipType,
  Signature,
} from "@trustnxt/c2pa-ts/manifest";
import { Mp4Asset } from "../../../shared/provenance/mp4-asset";
import { WebpAsset } from "../../../shared/provenance/webp-asset";
import type { ProvenanceMark } from "../xmp";

/** The claim generator every Ausar manifest names. */
const CLAIM_GENERATOR = "Ausar";

/** Bytes besides the certificates that the COSE signature may take (signature, headers, CBOR framing). */
const SIGNATURE_ROOM = 256;

const ASSETS: Record<string, (bytes: Uint8Array) => Asset> = {
  "image/png": (bytes) => new PNG(bytes),
  "image/jpeg": (bytes) => new JPEG(bytes),
  "image/webp": (bytes) => new WebpAsset(bytes),
  "video/mp4": (bytes) => Mp4Asset.read(bytes),
  "video/quicktime": (bytes) => Mp4Asset.read(bytes),
};

/** Content types signed with a BMFF hash (`c2pa.hash.bmff.v3`) instead of a data hash. */
const BMFF_TYPES = new Set(["video/mp4", "video/quicktime"]);

/** A manifest store the provider's file came with, and how it validated against the file as received. */
export interface ParentCredentials {
  store: ManifestStore;
  parent: Manifest;
  results: NonNullable<IngredientAssertion["validationResults"]>["activeManifest"];
}

/**
 * The C2PA manifest store the provider's file already carries (OpenAI's outputs have one), read and
 * validated against the bytes exactly as they came; null when there is none, or when it cannot be
 * read at all (then it is dropped, and that is logged).
 */
export async function parentCredentials(bytes: Uint8Array, contentType: string): Promise<ParentCredentials | null> {
  const makeAsset = ASSETS[contentType];
  if (!makeAsset) return null;
  try {
    const asset = makeAsset(bytes);
    const jumbf = asset.getManifestJUMBF();
    if (!jumbf) return null;
    const store = ManifestStore.read(SuperBox.fromBuffer(jumbf.slice()));
    const parent = store.getActiveManifest();
    if (!parent?.label) return null;
    const validation = await store.validate(asset);
    const entries = validation.statusEntries.map(({ code, url, explanation, success }) => ({
      status: { code, url, explanation },
      success,
    }));
    return {
      store,
      parent,
      results: {
        success: entries.filter((e) => e.success).map((e) => e.status),
        informational: [],
        failure: entries.filter((e) => !e.success).map((e) => e.status),
      },
    };
  } catch (error) {
    console.warn(JSON.stringify({ level: "warn", event: "provenance_parent_unreadable", contentType, error: String(error) }));
    return null;
  }
}

/**
 * The image with a signed C2PA manifest: one action with the mark's digital source type and the
 * model and provider as its software agent — `c2pa.created`, or `c2pa.opened` on the provider's own
 * manifest when the file came with one (kept whole in the store as the `parentOf` ingredient,
 * with how it validated) — Ausar as claim generator, and a data hash over every byte but the
 * manifest's own (for MP4 and QuickTime a BMFF hash over every top-level box but the manifest's,
 * with their offsets). Nothing about the person goes in (the instance id is a fresh random one). Sign
 * last: any later edit breaks the hash.
 */
export async function signImage(
  bytes: Uint8Array,
  contentType: string,
  mark: ProvenanceMark,
  signer: Signer,
  parent: ParentCredentials | null = null,
): Promise<Uint8Array> {
  const makeAsset = ASSETS[contentType];
  if (!makeAsset) throw new Error(`cannot sign ${contentType}`);
  const asset = makeAsset(bytes);
  const store = parent?.store ?? new ManifestStore();
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
  const action: Action = {
    action: ActionType.C2paCreated,
    digitalSourceType: mark.digitalSourceType as DigitalSourceType,
    softwareAgent: { name: mark.softwareAgent },
  };
  if (parent) {
    const ingredient = new IngredientAssertion();
    ingredient.version = 3;
    ingredient.relationship = RelationshipType.ParentOf;
    ingredient.title = `${mark.softwareAgent} output`;
    ingredient.format = contentType;
    ingredient.activeManifest = manifest.createHashedReference(`/c2pa/${parent.parent.label}`);
    ingredient.validationResults = { activeManifest: parent.results };
    manifest.addAssertion(ingredient);
    action.action = ActionType.C2paOpened;
    action.parameters = { ingredients: [manifest.createAssertionReference(ingredient)] };
  }
  const actions = new ActionAssertion();
  actions.label = AssertionLabels.actionsV2;
  actions.actions = [action];
  manifest.addAssertion(actions);
  const hash = BMFF_TYPES.has(contentType) ? BMFFHashAssertion.createV3("jumbf manifest", "SHA-256") : DataHashAssertion.create("SHA-256");
  manifest.addAssertion(hash);
  await asset.ensureManifestSpace(store.measureSize());
  await hash.updateWithAsset(asset);
  await manifest.sign(signer);
  await asset.writeManifestJUMBF(store.getBytes());
  return asset.getDataRange();
}
