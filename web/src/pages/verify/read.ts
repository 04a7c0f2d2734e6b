// The /verify page's reader, loaded only once someone picks a file there (its own chunk): reads the
// file in the browser — nothing is sent anywhere — and says whether it carries Content Credentials,
// whether they hold, who signed them and whether that issuer is on our trust list, and what the
// file's C2PA manifest and XMP say about how it was made.
import { X509Certificate } from "@peculiar/x509";
import { type Asset, JPEG, PNG } from "@trustnxt/c2pa-ts/asset";
import { SuperBox } from "@trustnxt/c2pa-ts/jumbf";
import { ActionAssertion, IngredientAssertion, type Manifest, ManifestStore } from "@trustnxt/c2pa-ts/manifest";
import { Mp4Asset } from "../../../../shared/provenance/mp4-asset";
import { WebpAsset } from "../../../../shared/provenance/webp-asset";
import { detectFormat, type FileFormat, imageXmp, videoParts, type XmpFacts, xmpFacts } from "./containers";

/** Images larger than this are not read into memory here (no image Ausar makes comes near it). */
const MAX_IMAGE_BYTES = 100 * 1024 * 1024;
/**
 * The largest video whose signature is checked: its BMFF hash covers the whole file, so it is read
 * into memory (and c2pa-ts copies the hashed ranges once more). Larger ones are only walked box by box.
 */
const MAX_VIDEO_BYTES = 32 * 1024 * 1024;

export interface ActionView {
  action: string;
  digitalSourceType: string | null;
  softwareAgent: string | null;
}

/** One check the validation made, in plain words, and whether it passed. */
export interface CheckView {
  label: string;
  ok: boolean;
  detail: string;
}

export type CredentialsView =
  /** No manifest store in the file. */
  | { kind: "none" }
  /** The file may hold one, but this page cannot check it (a video's, another format's). */
  | { kind: "unchecked"; present: boolean | null; reason: string }
  /** A manifest store is there but could not be read. */
  | { kind: "unreadable"; reason: string }
  | {
      kind: "read";
      valid: boolean;
      checks: CheckView[];
      /** Codes of every failed check, as C2PA names them. */
      failures: string[];
      trust: "trusted" | "untrusted";
      issuer: string | null;
      signer: string | null;
      signedAt: Date | null;
      claimGenerator: string | null;
      actions: ActionView[];
      /** Claim generators of earlier manifests kept as ingredients (a provider's own, say). */
      ingredients: string[];
    };

export interface Report {
  name: string;
  bytes: number;
  format: FileFormat;
  credentials: CredentialsView;
  /** null: the file has no XMP packet (or this page cannot find it in this format). */
  xmp: XmpFacts | null;
}

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** The trust anchors the Worker publishes; those that do not parse are skipped. */
export function parseAnchors(anchors: readonly string[]): X509Certificate[] {
  return anchors.flatMap((text) => {
    try {
      return [new X509Certificate(fromBase64(text))];
    } catch {
      return [];
    }
  });
}

/** The common name of a distinguished name, else all of it. */
const commonName = (dn: string) => /(?:^|,\s*)CN=([^,]+)/.exec(dn)?.[1]?.trim() ?? dn;
const organisation = (dn: string) => /(?:^|,\s*)O=([^,]+)/.exec(dn)?.[1]?.trim();
const nameOf = (dn: string) => {
  const o = organisation(dn);
  const cn = commonName(dn);
  return o && !cn.includes(o) ? `${cn} (${o})` : cn;
};

const sameCertificate = (a: X509Certificate, b: X509Certificate) =>
  a.rawData.byteLength === b.rawData.byteLength && new Uint8Array(a.rawData).every((byte, i) => byte === new Uint8Array(b.rawData)[i]);

const inDate = (certificate: X509Certificate, at: Date) => certificate.notBefore <= at && at <= certificate.notAfter;

/**
 * Whether the signer's certificate chains up to one of the anchors: each link's signature is checked
 * with its issuer's key (c2pa-ts checks each certificate's profile, not who issued it), and the anchor
 * must be in date. Certificates the file carries are only stepping stones, never trusted themselves.
 */
export async function chainsToAnchor(
  leaf: X509Certificate,
  chain: X509Certificate[],
  anchors: X509Certificate[],
  at: Date,
): Promise<boolean> {
  let current = leaf;
  const candidates = [...chain];
  for (let depth = 0; depth <= chain.length; depth++) {
    for (const anchor of anchors) {
      if (!inDate(anchor, at)) continue;
      if (sameCertificate(current, anchor)) return true;
      if (current.issuer === anchor.subject && (await current.verify({ publicKey: anchor.publicKey, signatureOnly: true }))) return true;
    }
    const index = candidates.findIndex((c) => c.subject === current.issuer && !sameCertificate(c, current));
    if (index === -1) return false;
    const issuer = candidates.splice(index, 1)[0]!;
    if (!(await current.verify({ publicKey: issuer.publicKey, signatureOnly: true }))) return false;
    current = issuer;
  }
  return false;
}

/** Plain words for the C2PA checks a person cares about, from the validator's status codes. */
function checksOf(codes: { code: string; success: boolean }[]): CheckView[] {
  const has = (prefix: string, success: boolean) => codes.some((c) => c.code.startsWith(prefix) && c.success === success);
  const checks: CheckView[] = [];
  const check = (label: string, prefix: string, ok: string, bad: string) => {
    if (has(prefix, false)) checks.push({ label, ok: false, detail: bad });
    else if (has(prefix, true)) checks.push({ label, ok: true, detail: ok });
  };
  check(
    "Signature",
    "claimSignature.",
    "The manifest's signature matches its signing certificate.",
    "The signature does not match: the manifest was altered.",
  );
  check(
    "Signing certificate",
    "signingCredential.",
    "Well-formed for Content Credentials and in date.",
    "Not usable for Content Credentials (malformed, expired or revoked).",
  );
  const binding = ["assertion.dataHash.", "assertion.bmffHash.", "assertion.boxesHash.", "assertion.collectionHash."];
  const bindingFailed = binding.some((p) => has(p, false));
  const bindingPassed = binding.some((p) => has(p, true));
  if (bindingFailed) checks.push({ label: "File contents", ok: false, detail: "The file was changed after it was signed." });
  else if (bindingPassed) checks.push({ label: "File contents", ok: true, detail: "Unchanged since it was signed." });
  const other = codes.filter(
    (c) => !c.success && !/^(claimSignature|signingCredential|assertion\.(data|bmff|boxes|collection)Hash)\./.test(c.code),
  );
  if (other.length > 0) checks.push({ label: "Manifest", ok: false, detail: `Other problems: ${other.map((c) => c.code).join(", ")}.` });
  return checks;
}

function actionsOf(manifest: Manifest): ActionView[] {
  return (manifest.assertions?.assertions ?? [])
    .filter((a): a is ActionAssertion => a instanceof ActionAssertion)
    .flatMap((a) => a.actions)
    .map((action) => ({
      action: action.action,
      digitalSourceType: action.digitalSourceType ?? null,
      softwareAgent: action.softwareAgent?.name ?? null,
    }));
}

function ingredientsOf(store: ManifestStore, manifest: Manifest): string[] {
  const hasIngredient = (manifest.assertions?.assertions ?? []).some((a) => a instanceof IngredientAssertion);
  if (!hasIngredient) return [];
  return store.manifests.filter((m) => m !== manifest).map((m) => m.claim?.claimGeneratorName || "another signer");
}

const ASSETS: Record<"png" | "jpeg" | "webp" | "mp4", (bytes: Uint8Array) => Asset> = {
  png: (bytes) => new PNG(bytes),
  jpeg: (bytes) => new JPEG(bytes),
  webp: (bytes) => new WebpAsset(bytes),
  mp4: (bytes) => Mp4Asset.read(bytes),
};

async function imageCredentials(kind: keyof typeof ASSETS, bytes: Uint8Array, anchors: X509Certificate[]): Promise<CredentialsView> {
  let asset: Asset;
  let jumbf: Uint8Array | undefined;
  try {
    asset = ASSETS[kind](bytes);
    jumbf = asset.getManifestJUMBF();
  } catch (error) {
    return { kind: "unreadable", reason: `The file's structure could not be read (${String(error)}).` };
  }
  if (!jumbf) return { kind: "none" };
  let store: ManifestStore;
  try {
    store = ManifestStore.read(SuperBox.fromBuffer(jumbf.slice()));
  } catch (error) {
    return {
      kind: "unreadable",
      reason: `The Content Credentials in it are damaged or of a kind this page cannot read (${String(error)}).`,
    };
  }
  const manifest = store.getActiveManifest();
  if (!manifest) return { kind: "unreadable", reason: "The manifest store holds no manifest." };
  let result: Awaited<ReturnType<ManifestStore["validate"]>>;
  try {
    result = await store.validate(asset);
  } catch (error) {
    return { kind: "unreadable", reason: `The Content Credentials could not be checked (${String(error)}).` };
  }
  const codes = result.statusEntries.map((e) => ({ code: String(e.code), success: e.success === true }));
  const signature = manifest.signature?.signatureData;
  const leaf = signature?.certificate;
  const signedAt = signature?.timestamp ?? null;
  const trusted = leaf ? await chainsToAnchor(leaf, signature.chainCertificates, anchors, signedAt ?? new Date()) : false;
  return {
    kind: "read",
    valid: result.isValid,
    checks: checksOf(codes),
    failures: codes.filter((c) => !c.success).map((c) => c.code),
    trust: result.isValid && trusted ? "trusted" : "untrusted",
    issuer: leaf ? nameOf(leaf.issuer) : null,
    signer: leaf ? nameOf(leaf.subject) : null,
    signedAt,
    claimGenerator: manifest.claim?.claimGeneratorName || null,
    actions: actionsOf(manifest),
    ingredients: ingredientsOf(store, manifest),
  };
}

/** Reads `file` where it is (nothing leaves the browser) against the trust anchors. */
export async function readFile(file: File, anchorTexts: readonly string[]): Promise<Report> {
  const head = new Uint8Array(await file.slice(0, 32).arrayBuffer());
  const format = detectFormat(head);
  const base = { name: file.name, bytes: file.size, format };
  if (format.kind === "bmff-video") {
    const parts = await videoParts(file);
    const xmp = parts.xmp ? xmpFacts(parts.xmp) : null;
    if (parts.hasManifest && file.size <= MAX_VIDEO_BYTES) {
      const credentials = await imageCredentials("mp4", new Uint8Array(await file.arrayBuffer()), parseAnchors(anchorTexts));
      return { ...base, credentials, xmp };
    }
    if (!parts.hasManifest && parts.complete) return { ...base, credentials: { kind: "none" }, xmp };
    return {
      ...base,
      credentials: {
        kind: "unchecked",
        present: parts.hasManifest ? true : null,
        reason: parts.hasManifest
          ? `This page checks the signature of videos up to ${MAX_VIDEO_BYTES / 1024 / 1024} MB in the browser; this one is larger.`
          : "This page could not walk all of the video's boxes.",
      },
      xmp,
    };
  }
  if (format.kind === "other") {
    return {
      ...base,
      credentials: {
        kind: "unchecked",
        present: null,
        reason: `This page reads PNG, JPEG and WebP images and MP4 videos, not ${format.label}.`,
      },
      xmp: null,
    };
  }
  if (file.size > MAX_IMAGE_BYTES) {
    return {
      ...base,
      credentials: { kind: "unchecked", present: null, reason: "The image is too large to check in the browser." },
      xmp: null,
    };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const [credentials, xmp] = await Promise.all([
    imageCredentials(format.kind, bytes, parseAnchors(anchorTexts)),
    imageXmp(format.kind, bytes).catch(() => null),
  ]);
  return { ...base, credentials, xmp: xmp ? xmpFacts(xmp) : null };
}
