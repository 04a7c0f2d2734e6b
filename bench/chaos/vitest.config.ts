import { workersSuiteConfig } from "../lib/workers-suite-config";

// The long chaos run: the same driver and test file as `npm test`, with CHAOS_OPS / CHAOS_SEED bindings.
export default workersSuiteConfig("bench-chaos", "test/chaos/chaos.integration.test.ts", {
  CHAOS_OPS: process.env.CHAOS_OPS ?? "10000",
  CHAOS_SEED: process.env.CHAOS_SEED ?? "20261206",
});
