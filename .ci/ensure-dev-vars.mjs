// Creates .dev.vars from .dev.vars.example on a fresh clone, so local secrets exist without setup.
import { appendFileSync, copyFileSync, existsSync, readFileSync } from "node:fs";

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("Created .dev.vars from .dev.vars.example (local development values).");
} else {
  // An older .dev.vars lacks settings added since (e.g. WHOP_OAUTH_CLIENT_ID): they are appended with the
  // example's values, so `npm run typegen` and `wrangler dev` know them; values already set are left alone.
  const names = (text) => new Set([...text.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
  const have = names(readFileSync(".dev.vars", "utf8"));
  const missing = readFileSync(".dev.vars.example", "utf8")
    .split("\n")
    .filter((line) => /^[A-Z0-9_]+=/.test(line) && !have.has(line.split("=")[0]));
  if (missing.length > 0) {
    appendFileSync(".dev.vars", `\n# Added from .dev.vars.example\n${missing.join("\n")}\n`);
    console.log(`Added ${missing.map((line) => line.split("=")[0]).join(", ")} to .dev.vars from .dev.vars.example.`);
  }
}

// The local Content Credentials signer is made per checkout (never committed), so it is added here.
await import("./ensure-c2pa-dev-cert.mjs");
