// `wrangler deploy --dry-run` (in `npm run check`) needs the assets directory; on a fresh clone
// it does not exist yet, so build the web app once when it is missing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync("web/dist/index.html")) {
  const result = spawnSync("node_modules/.bin/vite", ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"], {
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
