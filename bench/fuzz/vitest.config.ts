import { workersSuiteConfig } from "../lib/workers-suite-config";

// The large fuzz run: the same test file as `npm test`, with more cases per route (FUZZ_RUNS binding).
export default workersSuiteConfig("bench-fuzz", "test/fuzz/routes.integration.test.ts", {
  FUZZ_RUNS: process.env.FUZZ_RUNS ?? "150",
});
