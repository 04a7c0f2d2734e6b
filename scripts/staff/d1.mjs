// Runs SQL on the D1 binding `DB` through `wrangler d1 execute`, locally or in production.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

/**
 * Where the SQL goes: the local state `npm run dev` uses (or `persistTo`), or with `remote` the
 * production database (`--env production`, as docs/deploy.md deploys and migrates).
 */
function targetArgs({ remote, persistTo }) {
  if (remote) return ["--remote", "--env", "production"];
  return persistTo ? ["--local", "--persist-to", resolve(persistTo)] : ["--local"];
}

/**
 * The result rows of each statement of `sql`, in order. Locally the statements run as one batch (one
 * transaction). Throws with wrangler's own message when D1 refuses or wrangler cannot run.
 */
export function execute(target, sql) {
  const run = spawnSync("node_modules/.bin/wrangler", ["d1", "execute", "DB", ...targetArgs(target), "--json", "--command", sql], {
    encoding: "utf8",
    // stderr stays on the terminal: a remote run may need `wrangler login`, and its messages say so.
    stdio: ["inherit", "pipe", "inherit"],
    // No usage metrics, and no interactive questions for a command that is scripted.
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
  });
  if (run.error) throw new Error(`could not run wrangler: ${run.error.message}`);
  let output;
  try {
    output = JSON.parse(run.stdout);
  } catch {
    throw new Error(`wrangler d1 execute failed (exit ${run.status}):\n${run.stdout}`);
  }
  if (run.status !== 0 || !Array.isArray(output)) throw new Error(`D1 refused the statement: ${output?.error?.text ?? run.stdout}`);
  return output.map((statement) => statement.results ?? []);
}
