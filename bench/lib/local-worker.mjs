// Starts the Worker under `wrangler dev` on a free port with its own fresh local state
// (migrations applied first), for benchmarks and browser tests. Offline; no account needed.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";

// Run wrangler with this Node (the project pins Node 22; a bare `wrangler` could pick the system's).
const WRANGLER = [process.execPath, resolve("node_modules/wrangler/bin/wrangler.js")];
const childEnv = {
  ...process.env,
  PATH: `${resolve("node_modules/.bin")}${delimiter}${process.env.PATH}`,
  WRANGLER_SEND_METRICS: "false",
  // Offline: use wrangler's placeholder `Request.cf` instead of downloading one.
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

/** A TCP port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`wrangler dev did not become healthy at ${url} within ${timeoutMs} ms`);
}

/**
 * Starts `wrangler dev` with fresh state (of `config`, default wrangler.toml). `vars` override wrangler.toml and .dev.vars
 * (`--var NAME:value`). Returns `{ url, persistTo, stop }` (`persistTo`: the local state, e.g. for
 * `wrangler d1 execute --local --persist-to`); `stop()` ends the server and deletes its state.
 */
export async function startLocalWorker({ config, vars = {}, timeoutMs = 90_000, log = false } = {}) {
  const configArgs = config ? ["-c", config] : [];
  const persistTo = mkdtempSync(join(tmpdir(), "ausar-state-"));
  const migrate = spawnSync(
    WRANGLER[0],
    [WRANGLER[1], "d1", "migrations", "apply", "DB", "--local", ...configArgs, "--persist-to", persistTo],
    {
      encoding: "utf8",
      env: { ...childEnv, CI: "1" },
    },
  );
  if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr || migrate.stdout}`);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const varArgs = Object.entries({ PUBLIC_URL: url, ...vars }).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
  const child = spawn(
    WRANGLER[0],
    [
      WRANGLER[1],
      "dev",
      ...configArgs,
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      persistTo,
      "--inspector-port",
      "0",
      ...varArgs,
    ],
    { stdio: ["ignore", log ? "inherit" : "pipe", log ? "inherit" : "pipe"], env: childEnv },
  );
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  try {
    await waitForHealth(url, child, timeoutMs);
  } catch (error) {
    child.kill("SIGKILL");
    rmSync(persistTo, { recursive: true, force: true });
    throw new Error(`${error.message}\n${output.slice(-4000)}`);
  }
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    rmSync(persistTo, { recursive: true, force: true });
  };
  return { url, port, persistTo, stop, output: () => output };
}
