import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";

const WRANGLER = "node_modules/.bin/wrangler";
/** The project pins Node (the `node` devDependency) in node_modules/.bin; wrangler needs that one. */
const ENV = {
  ...process.env,
  PATH: `${resolve("node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`,
  CI: "true",
  WRANGLER_SEND_METRICS: "false",
};

/** A `wrangler dev` of the whole Worker with the built web app, on its own port and its own local state. */
export interface DevServer {
  origin: string;
  /** The local state directory (`--persist-to`), for tests that prepare D1 rows with `wrangler d1 execute`. */
  persist: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHealth(origin: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`${origin}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not answer /api/health within ${timeoutMs} ms:\n${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    // wrangler starts workerd as a child: signal the whole process group we created.
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  });
}

/**
 * Applies the migrations into a fresh persist directory, starts `wrangler dev` on a free port with
 * `PUBLIC_URL` pointing at it (and any other `vars`), and waits for `/api/health`. Serves `web/dist` as built by `npm test`.
 */
export async function startDevServer(options: { vars?: Record<string, string> } = {}): Promise<DevServer> {
  if (!existsSync("web/dist/index.html")) throw new Error("web/dist is missing: run `npm run build` first (npm test does).");
  const persist = mkdtempSync(join(tmpdir(), "ausar-browser-"));
  const migrate = spawnSync(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], {
    encoding: "utf8",
    env: ENV,
  });
  if (migrate.status !== 0) {
    rmSync(persist, { recursive: true, force: true });
    throw new Error(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);
  }

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const extra = Object.entries(options.vars ?? {}).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  const args = ["dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persist, "--var", `PUBLIC_URL:${origin}`, ...extra];
  const child = spawn(WRANGLER, args, {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: ENV,
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  try {
    await waitForHealth(origin, child, () => log, 90_000);
  } catch (error) {
    await stopChild(child);
    rmSync(persist, { recursive: true, force: true });
    throw error;
  }
  return {
    origin,
    persist,
    async stop() {
      await stopChild(child);
      rmSync(persist, { recursive: true, force: true });
    },
  };
}
