// `npm run bench`: runs every benchmark script in turn (each starts its own local Worker).
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const scripts = readdirSync("bench")
  .filter((name) => name !== "lib" && statSync(join("bench", name)).isDirectory())
  .flatMap((dir) =>
    readdirSync(join("bench", dir))
      .filter((f) => f.endsWith(".bench.mjs"))
      .map((f) => join("bench", dir, f)),
  );

let failed = 0;
for (const script of scripts) {
  console.log(`\n== ${script}`);
  const result = spawnSync(process.execPath, [script], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
