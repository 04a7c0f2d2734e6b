// `npm run dev`: local secrets, the web build (kept fresh by a watcher), local D1 migrations,
// then `wrangler dev`. Offline: no Cloudflare account and no API keys are needed.
import { spawn, spawnSync } from "node:child_process";
import "./ensure-dev-vars.mjs";

const bin = (name) => `node_modules/.bin/${name}`;

// Offline by design: no `Request.cf` download (a placeholder is used) and no usage metrics.
const offline = { CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" };

function run(cmd, args, env = {}) {
  const result = spawnSync(bin(cmd), args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run("vite", ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"]);
// CI=true: apply without wrangler's interactive "About to apply N migration(s)" question.
run("wrangler", ["d1", "migrations", "apply", "DB", "--local"], { CI: "true", ...offline });

// Rebuilds keep the old files: emptying web/dist under a running `wrangler dev` makes the pages
// it serves meanwhile fail. Stale hashed assets are harmless locally.
const watcher = spawn(bin("vite"), ["build", "--watch", "--emptyOutDir=false", "--config", "web/vite.config.ts", "--logLevel", "warn"], {
  stdio: ["ignore", "inherit", "inherit"],
});
const port = process.env.PORT ?? "8787";
const server = spawn(bin("wrangler"), ["dev", "--port", port, "--ip", "127.0.0.1", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, ...offline },
});
console.log(`\nAusar is starting at http://localhost:${port}\n`);

const stop = () => {
  watcher.kill();
  server.kill();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", (code) => {
  watcher.kill();
  process.exit(code ?? 0);
});
