// The long seeded chaos run (≥ 10,000 operations) in workerd, through the vitest plugin like `npm test`.
// Knobs: CHAOS_OPS= (default 10000), CHAOS_SEED= (default 20261206). Prints seed, operations, violations, time.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const BENCH = "chaos";
const ops = process.env.CHAOS_OPS ?? "10000";
const seed = process.env.CHAOS_SEED ?? "20261206";
const load = loadavg()[0].toFixed(1);
// The project's own Node (vitest needs 22), not whichever `node` the vitest shim would find.
const result = spawnSync(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", "--config", "bench/chaos/vitest.config.ts", "--reporter", "dot"],
  {
    env: { ...process.env, CHAOS_OPS: ops, CHAOS_SEED: seed },
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  },
);
// Without colours, so that the lines below can be picked out; the whole output is kept for reading.
const output = `${result.stdout}\n${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, "");
const logFile = join(tmpdir(), `ausar-${BENCH}-bench.log`);
writeFileSync(logFile, output);
const line = output.split("\n").find((l) => l.includes("chaos report {"));
if (!line) {
  console.error(
    output
      .split("\n")
      .filter((l) => /FAIL|Error|violations|expected/.test(l))
      .slice(0, 40)
      .join("\n"),
    `\n(full output: ${logFile})`,
  );
  console.error("chaos bench: no report (the run failed before the end)");
  process.exit(1);
}
const report = JSON.parse(line.slice(line.indexOf("{")));
console.log(`chaos: seed ${report.seed}, ${report.operations} operations, ${report.users} users, ${report.checks} invariant checks`);
console.log(
  `violations: ${report.violations.length}${report.violations.length ? `\n  ${report.violations.slice(0, 20).join("\n  ")}` : ""}`,
);
console.log(
  `time: ${(report.ms / 1000).toFixed(1)} s (${(report.ms / report.operations).toFixed(1)} ms per operation), load at start ≈ ${load}`,
);
console.log(`counts: ${JSON.stringify(report.counts)}`);
process.exit(result.status === 0 && report.violations.length === 0 ? 0 : 1);
