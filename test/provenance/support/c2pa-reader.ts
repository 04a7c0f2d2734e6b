// The reference C2PA engine (c2pa-rs, compiled to WebAssembly as @contentauth/c2pa-wasm), used in
// tests as a reader independent of the library that signs (c2pa-ts). Its reader takes bytes, so no
// browser API is needed in workerd.
import { env } from "cloudflare:workers";
import { initSync, WasmReader } from "@contentauth/c2pa-wasm";
import wasm from "@contentauth/c2pa-wasm/c2pa.wasm";
import { expect } from "vitest";

let ready = false;

const pem = (base64: string) => `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;

/** The local test CA (the last certificate of the chain .dev.vars holds) as the one trust anchor. */
function trustSettings(): string {
  const chain = env.C2PA_CERT_CHAIN.split(",");
  return JSON.stringify({ trust: { trust_anchors: pem(chain.at(-1)!) }, verify: { verify_trust: true } });
}

export interface ReadCredentials {
  /** c2pa-rs's verdict: "Trusted" when valid and issued under the trust anchor. */
  validationState: string;
  /** Failure codes c2pa-rs reported (empty when valid). */
  failures: string[];
  /** The manifest store as JSON text (to search for personal data). */
  json: string;
  activeLabel: string | undefined;
  activeManifest: {
    ingredients?: { relationship: string; active_manifest?: string; validation_results?: unknown }[];
    claim_generator_info?: { name: string }[];
    assertions?: {
      label: string;
      data: { actions?: { action: string; digitalSourceType?: string; softwareAgent?: { name: string } }[] };
    }[];
  };
}

/** Reads and validates the file's Content Credentials against the local test CA. */
export async function readCredentials(format: string, bytes: Uint8Array): Promise<ReadCredentials> {
  if (!ready) {
    initSync({ module: wasm });
    ready = true;
  }
  const reader = await WasmReader.fromBytes(format, bytes, trustSettings());
  try {
    const json = reader.json();
    const store = JSON.parse(json) as {
      validation_state: string;
      validation_results?: { activeManifest?: { failure?: { code: string }[] } };
      validation_status?: { code: string }[];
    };
    return {
      validationState: store.validation_state,
      failures: [
        ...(store.validation_results?.activeManifest?.failure ?? []).map((f) => f.code),
        ...(store.validation_status ?? []).map((s) => s.code),
      ],
      json,
      activeLabel: reader.activeLabel(),
      activeManifest: reader.activeManifest(),
    };
  } finally {
    reader.free();
  }
}

/**
 * The file's manifest is trusted under the local test CA, its `c2pa.created` action names the
 * digital source type and the software agent, Ausar made the claim, and none of `personal` appears.
 */
export async function expectCredentials(
  format: string,
  bytes: Uint8Array,
  digitalSourceType: string,
  softwareAgent: string | RegExp,
  personal: string[] = [],
): Promise<void> {
  const read = await readCredentials(format, bytes);
  expect(read.failures, format).toEqual([]);
  expect(read.validationState, format).toBe("Trusted");
  expect(read.activeManifest.claim_generator_info?.[0]?.name).toBe("Ausar");
  const actions = read.activeManifest.assertions?.find((a) => a.label.startsWith("c2pa.actions"))?.data.actions ?? [];
  expect(actions).toEqual([
    {
      action: "c2pa.created",
      digitalSourceType,
      softwareAgent: { name: typeof softwareAgent === "string" ? softwareAgent : expect.stringMatching(softwareAgent) },
    },
  ]);
  for (const value of personal) expect(read.json.includes(value), `manifest holds ${value}`).toBe(false);
}
