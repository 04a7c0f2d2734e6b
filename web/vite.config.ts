import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from "../shared/security-headers";
import { SHARE_STYLESHEET_PATH } from "../shared/share-page";
import { policyPages } from "./build/policy-pages";

/**
 * Writes `_headers` so that static assets and the SPA fallback carry the same security
 * headers as the Worker's responses (one source: shared/security-headers.ts). HSTS is included:
 * production serves assets over https only, and browsers ignore the header on plain http.
 */
function securityHeadersFile(): Plugin {
  return {
    name: "ausar-security-headers",
    generateBundle() {
      const headers = { ...SECURITY_HEADERS, "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY };
      const lines = Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`);
      const immutable = "/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n";
      this.emitFile({ type: "asset", fileName: "_headers", source: `/*\n${lines.join("\n")}\n${immutable}` });
    },
  };
}

/** Names each route's chunk after its page folder (`page-signup-…js`), so build output and bundles read clearly. */
function chunkName(chunk: { name: string; facadeModuleId: string | null }): string {
  const page = chunk.facadeModuleId?.match(/pages\/([\w-]+)\/page\.tsx$/)?.[1];
  return page ? `assets/page-${page}-[hash].js` : "assets/[name]-[hash].js";
}

/** The share page's stylesheet keeps its fixed name; every other asset is hashed. */
function assetName(asset: { names: string[] }): string {
  return asset.names.includes("share.css") ? SHARE_STYLESHEET_PATH.slice(1) : "assets/[name]-[hash][extname]";
}

export default defineConfig({
  root: "web",
  plugins: [securityHeadersFile(), policyPages()],
  oxc: { jsx: { runtime: "automatic", importSource: "hono/jsx/dom" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    rolldownOptions: {
      // A second entry: the stylesheet of the Worker-rendered share page (no script of its own).
      input: {
        index: fileURLToPath(new URL("./index.html", import.meta.url)),
        share: fileURLToPath(new URL("./src/styles/share-page.css", import.meta.url)),
      },
      output: { chunkFileNames: chunkName, assetFileNames: assetName },
    },
  },
});
