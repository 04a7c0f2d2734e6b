// The large route-fuzzing run in workerd, through the vitest plugin like `npm test`: FUZZ_RUNS= cases
// per route (default 150). Prints routes, requests, statuses, failures and time.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const BENCH = "fuzz";
const runs = process.env.FUZZ_RUNS ?? "150";
const load = loadavg()[0].toFixed(1);
const started = Date.now();
// The project's own Node (vitest needs 22), not whichever `node` the vitest shim would find.
const result = spawnSync(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", "--config", "bench/fuzz/vitest.config.ts", "--reporter", "dot"],
  {
    env: { ...process.env, FUZZ_RUNS: runs },
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  },
);
// Without colours, so that the lines below can be picked out; the whole output is kept for reading.
const output = `${result.stdout}\n${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, "");
const logFile = join(tmpdir(), `ausar-${BENCH}-bench.log`);
writeFileSync(logFile, output);
const summary = output.split("\n").find((l) => l.includes("route fuzz: "));
const tests = output.split("\n").find((l) => /Tests\s/.test(l)) ?? "";
if (result.status !== 0)
  console.error(
    output
      .split("\n")
      .filter((l) => /FAIL|AssertionError|Counterexample|seed|→/.test(l))
      .slice(0, 60)
      .join("\n"),
    `\n(full output: ${logFile})`,
  );
console.log(summary ? summary.slice(summary.indexOf("route fuzz: ")) : "route fuzz: no summary (the run failed before the end)");
console.log(`vitest: ${tests.replace(/\x1b\[[0-9;]*m/g, "").trim()}`);
console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s, load at start ≈ ${load}`);
process.exit(result.status === 0 ? 0 : 1);
