// What marking costs a generated image in the platform's own time: the generation bench
// (bench/generation/latency.bench.mjs, platform = finished_at − created_at − provider_ms) run against
// two builds in the same run, alternating — the Worker as committed (XMP, then the signed C2PA
// manifest) and an unmarked build of the same commit.
// Both are snapshots of HEAD (`git archive`: workers/, shared/, migrations/, wrangler.toml) in
// temporary folders, so edits in the working tree during the run neither reload nor change either
// build; in the unmarked one workers/provenance/mark.ts is replaced by pass-throughs (below). No
// switch exists in the Worker itself, so nothing deployed can turn marking off. Each run also reads
// its first output back and reports whether it carries the XMP mark and a manifest, so a build that
// marks (or fails to) by mistake stops the bench.
// Usage: node bench/provenance/overhead.bench.mjs [--rounds 2] [--users 1] [--jobs 30] [--delay 0]
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const ROUNDS = Number(arg("rounds", 2));
const passOn = ["users", "jobs", "delay"].flatMap((name) => (arg(name) === undefined ? [] : [`--${name}`, arg(name)]));

/** workers/provenance/mark.ts with the same exports, marking nothing: files are stored as the provider sent them. */
const UNMARKED = `export type { ProvenanceMark } from "./xmp";
export class UnmarkableError extends Error {}
export interface Provenance { mark: unknown; signer: unknown }
export function markImage(bytes: Uint8Array): Uint8Array { return bytes; }
export async function stampImage(bytes: Uint8Array): Promise<Uint8Array> { return bytes; }
export function markVideo(body: ReadableStream<Uint8Array>) { return { body, addedBytes: 0 }; }
export const VIDEO_SIGNING_MAX_BYTES = 0;
export function signsVideo(): boolean { return false; }
export async function stampVideo(bytes: Uint8Array): Promise<Uint8Array> { return bytes; }
`;

/** HEAD's Worker in a folder of its own (node_modules and the built web app linked), with `.dev.vars`'s local secrets. */
function snapshot(name) {
  const root = mkdtempSync(join(tmpdir(), `ausar-${name}-`));
  const archive = spawnSync(
    "git",
    ["archive", "HEAD", "workers", "shared", "migrations", "wrangler.toml", "package.json", "tsconfig.json"],
    {
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (archive.status !== 0) throw new Error(`git archive failed: ${archive.stderr}`);
  const untar = spawnSync("tar", ["-x", "-C", root], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  cpSync(".dev.vars", join(root, ".dev.vars"));
  for (const link of ["node_modules", "web"]) symlinkSync(resolve(link), join(root, link));
  return root;
}

function runBench(config) {
  const args = ["bench/generation/latency.bench.mjs", ...passOn, "--json", "--config", config];
  const out = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`generation bench failed:\n${out.stdout}\n${out.stderr}`);
  const line = out.stdout.trim().split("\n").at(-1);
  return JSON.parse(line).result;
}

const trees = { marked: snapshot("marked"), unmarked: snapshot("unmarked") };
writeFileSync(join(trees.unmarked, "workers/provenance/mark.ts"), UNMARKED);
const results = { marked: [], unmarked: [] };
try {
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which build goes first, so a drift in the machine's load does not favour one.
    const order = round % 2 === 0 ? ["marked", "unmarked"] : ["unmarked", "marked"];
    for (const build of order) {
      const result = runBench(join(trees[build], "wrangler.toml"));
      const expected = build === "marked";
      if (result.marks.xmp !== expected || result.marks.c2pa !== expected) {
        throw new Error(`the ${build} build's output: ${JSON.stringify(result.marks)}`);
      }
      results[build].push(result);
      console.log(
        `round ${round + 1} ${build.padEnd(8)} platform p50 ${result.platform.p50} ms p99 ${result.platform.p99} ms (n ${result.platform.n}); ` +
          `store + settle after provider p50 ${result.afterProvider.p50} ms; bare p50 ${result.bare.p50} ms; load ${result.load}`,
      );
    }
  }
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length / 2;
    return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const of = (build, figure) => median(results[build].map((r) => r[figure].p50));
  const round2 = (n) => Math.round(n * 100) / 100;
  // Marking runs while the output is stored, between the provider's answer and finished_at: the
  // "after provider" share is where it shows without the queue wait's noise.
  const afterAdded = round2(of("marked", "afterProvider") - of("unmarked", "afterProvider"));
  console.log(
    `store + settle after provider p50, median of rounds: marked ${of("marked", "afterProvider")} ms, unmarked ${of("unmarked", "afterProvider")} ms, added ${afterAdded} ms`,
  );
  const marked = of("marked", "platform");
  const unmarked = of("unmarked", "platform");
  const added = round2(marked - unmarked);
  console.log(`platform p50, median of rounds: marked ${marked} ms, unmarked ${unmarked} ms, added ${added} ms`);
  console.log(added <= 20 ? `OK: marking adds ${added} ms ≤ 20 ms p50` : `OVER TARGET: marking adds ${added} ms > 20 ms p50`);
} finally {
  for (const tree of Object.values(trees)) rmSync(tree, { recursive: true, force: true });
}
