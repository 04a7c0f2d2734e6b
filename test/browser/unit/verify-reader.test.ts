import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { X509Certificate } from "@peculiar/x509";
import { expect, it } from "vitest";
import { detectFormat } from "../../../web/src/pages/verify/containers";
import { chainsToAnchor, readFile } from "../../../web/src/pages/verify/read";
import { markPng } from "../../../workers/provenance/png";
import { xmpPacket } from "../../../workers/provenance/xmp";
import { makeCa, makeSigner, signImage } from "../support/c2pa-sign";
import { png } from "../support/images";

const base64 = (certificate: X509Certificate) => Buffer.from(certificate.rawData).toString("base64");

it("trusts a signer only through a verified chain to an anchor: not by a CA's name alone", async () => {
  const anchor = await makeCa("CN=Trusted CA, O=Test");
  const other = await makeCa("CN=Other CA, O=Test");
  // Same name as the anchor, another key: a chain that carries it must not pass for the anchor's.
  const forged = await makeCa("CN=Trusted CA, O=Test");
  const genuine = await makeSigner(anchor, "CN=Genuine signer");
  const impostor = await makeSigner(forged, "CN=Impostor signer");
  const now = new Date();
  expect(await chainsToAnchor(genuine.certificate, genuine.chainCertificates, [anchor.certificate], now)).toBe(true);
  expect(await chainsToAnchor(genuine.certificate, [], [anchor.certificate], now)).toBe(true);
  expect(await chainsToAnchor(genuine.certificate, genuine.chainCertificates, [other.certificate], now)).toBe(false);
  expect(await chainsToAnchor(genuine.certificate, genuine.chainCertificates, [], now)).toBe(false);
  expect(await chainsToAnchor(impostor.certificate, impostor.chainCertificates, [anchor.certificate], now)).toBe(false);
  // An anchor out of date trusts nothing.
  expect(
    await chainsToAnchor(genuine.certificate, genuine.chainCertificates, [anchor.certificate], new Date(Date.now() + 3 * 24 * 3600 * 1000)),
  ).toBe(false);
});

it("reads a signed PNG's credentials and XMP: trusted under its CA, untrusted under another", async () => {
  const ca = await makeCa("CN=Reader test CA");
  const signer = await makeSigner(ca, "CN=Reader test signer");
  const mark = {
    digitalSourceType: "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
    softwareAgent: "Model X (Lab)",
  } as const;
  const signed = await signImage(markPng(png(20, 10, [1, 2, 3]), xmpPacket(mark)), "image/png", signer, {
    ...mark,
    claimGenerator: "Test",
  });
  const file = new File([signed as Uint8Array<ArrayBuffer>], "x.png");
  const trusted = await readFile(file, [base64(ca.certificate), "not base64!"]);
  expect(trusted.credentials).toMatchObject({
    kind: "read",
    valid: true,
    trust: "trusted",
    claimGenerator: "Test",
    issuer: "Reader test CA",
  });
  expect(trusted.credentials.kind === "read" && trusted.credentials.actions).toEqual([
    { action: "c2pa.created", digitalSourceType: mark.digitalSourceType, softwareAgent: "Model X (Lab)" },
  ]);
  expect(trusted.xmp).toEqual({ digitalSourceType: mark.digitalSourceType, creatorTool: "Ausar — Model X (Lab)" });
  const elsewhere = await readFile(file, [base64((await makeCa("CN=Unrelated")).certificate)]);
  expect(elsewhere.credentials).toMatchObject({ kind: "read", valid: true, trust: "untrusted" });
});

it("tells formats apart by their bytes and never claims to check what it cannot", async () => {
  expect(detectFormat(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61])).kind).toBe("other");
  const heif = new Uint8Array(16);
  heif.set(Buffer.from("\0\0\0\x18ftypheic", "latin1"));
  expect(detectFormat(heif)).toEqual({ kind: "other", label: "HEIF image" });
  const gif = await readFile(new File([Buffer.from("GIF89a\x01\0\x01\0", "latin1")], "a.gif"), []);
  expect(gif.credentials).toMatchObject({ kind: "unchecked", present: null });
});

it("keeps the reader (c2pa-ts) in one chunk that only the /verify page loads", () => {
  expect(existsSync("web/dist/index.html"), "web/dist is missing: run `npm run build` first (npm test does)").toBe(true);
  const files = readdirSync("web/dist/assets").filter((f) => f.endsWith(".js"));
  const withReader = files.filter((f) => readFileSync(`web/dist/assets/${f}`, "utf8").includes("c2pa.actions"));
  expect(withReader).toHaveLength(1);
  const importers = files.filter((f) => f !== withReader[0] && readFileSync(`web/dist/assets/${f}`, "utf8").includes(withReader[0]!));
  expect(importers.map((f) => f.replace(/-[\w-]{8}\.js$/, ""))).toEqual(["page-verify"]);
});
