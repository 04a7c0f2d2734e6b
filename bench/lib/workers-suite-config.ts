import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * A vitest config that runs one of `npm test`'s workers test files inside workerd, as the project's
 * own config does, with extra bindings that make it a long run (the bench scripts set them).
 */
export function workersSuiteConfig(name: string, testFile: string, bindings: Record<string, string>) {
  return defineConfig({
    root,
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest(async () => ({
              wrangler: { configPath: `${root}/wrangler.toml` },
              miniflare: {
                bindings: { TEST_MIGRATIONS: await readD1Migrations(`${root}/migrations`), DEMO_DELAY_MS: "0", ...bindings },
              },
            })),
          ],
          test: {
            name,
            root,
            include: [testFile],
            setupFiles: ["./test/setup/apply-migrations.ts"],
            testTimeout: 3_600_000,
            hookTimeout: 60_000,
          },
        },
      ],
    },
  });
}
