import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/** A project whose tests run inside workerd against local D1, R2, Queues and DOs. */
function workersProject(name: string, files: { include: string[]; exclude?: string[] }, extraBindings: Record<string, string> = {}) {
  return {
    plugins: [
      cloudflareTest(async () => ({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: await readD1Migrations("./migrations"),
            DEMO_DELAY_MS: "0",
            // Sign in with Whop against the local fake (test/support/fake-whop-oauth.ts), reached through a fetch spy.
            WHOP_OAUTH_ISSUER: "https://whop.fake.test",
            WHOP_OAUTH_CLIENT_ID: "app_fake_ausar",
            WHOP_OAUTH_CLIENT_SECRET: "fake_whop_client_secret",
            ...extraBindings,
          },
        },
      })),
    ],
    test: {
      name,
      ...files,
      setupFiles: ["./test/setup/apply-migrations.ts"],
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  };
}

// The suites: everything that runs inside workerd against local D1, R2, Queues and DOs (two
// configurations of the Worker), and the browser tests, which run in Node and drive Debian's Chromium against `wrangler dev`.
export default defineConfig({
  test: {
    projects: [
      workersProject("workers", { include: ["test/**/*.test.ts"], exclude: ["test/browser/**", "test/provider-keys/**"] }),
      // The same Worker with the OpenAI provider's key set, for the tests that need a real adapter
      // behind the public routes (its HTTP answered by the local fake through a fetch spy). A project
      // of its own, because every other test relies on only the demo provider being configured.
      workersProject("workers-provider-keys", { include: ["test/provider-keys/**/*.test.ts"] }, { OPENAI_API_KEY: "sk-test-key" }),
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A page on a cold local Worker can take seconds on a loaded CI machine; 1 s (the default) flakes.
          expect: { poll: { timeout: 15_000, interval: 50 } },
        },
      },
    ],
  },
});
