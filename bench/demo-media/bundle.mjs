// Bundles the demo media module (TypeScript, extensionless imports) into one ES module that both
// Node and workerd can load, so the sample writer and the workerd timing run the shipped code.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const entry = fileURLToPath(new URL("../../workers/generation/demo-media/index.ts", import.meta.url));

/** Writes the bundle to a fresh temporary folder and returns its path. */
export async function bundleDemoMedia() {
  const outfile = join(mkdtempSync(join(tmpdir(), "ausar-demo-media-")), "demo-media.mjs");
  await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "neutral", target: "es2022", outfile, logLevel: "error" });
  return outfile;
}
