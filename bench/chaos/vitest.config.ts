import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// The long chaos run: the same driver and test file as `npm test`, with CHAOS_OPS / CHAOS_SEED bindings.
const root = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig({
  root,
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: `${root}/wrangler.toml` },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(`${root}/migrations`),
                DEMO_DELAY_MS: "0",
                CHAOS_OPS: process.env.CHAOS_OPS ?? "10000",
                CHAOS_SEED: process.env.CHAOS_SEED ?? "20261206",
              },
            },
          })),
        ],
        test: {
          name: "bench-chaos",
          root,
          include: ["test/chaos/chaos.integration.test.ts"],
          setupFiles: ["./test/setup/apply-migrations.ts"],
          testTimeout: 3_600_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
