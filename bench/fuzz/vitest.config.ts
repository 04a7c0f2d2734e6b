import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// The large fuzz run: the same test file as `npm test`, with more cases per route (FUZZ_RUNS binding).
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
                FUZZ_RUNS: process.env.FUZZ_RUNS ?? "150",
              },
            },
          })),
        ],
        test: {
          name: "bench-fuzz",
          root,
          include: ["test/fuzz/routes.integration.test.ts"],
          setupFiles: ["./test/setup/apply-migrations.ts"],
          testTimeout: 3_600_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
