// Creates .dev.vars from .dev.vars.example on a fresh clone, so local secrets exist without setup.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("Created .dev.vars from .dev.vars.example (local development values).");
} else {
  // An older .dev.vars lacks settings added since (e.g. WHOP_OAUTH_CLIENT_ID), or has them in another
  // order. It is rewritten in the example's order, keeping every value already set (and any setting the
  // example does not have, at the end): `wrangler types` lists the secrets in the file's order, so only
  // this order gives the committed worker-configuration.d.ts that `npm run check` compares against.
  const entry = (line) => /^([A-Z0-9_]+)=(.*)$/.exec(line);
  const current = readFileSync(".dev.vars", "utf8");
  const values = new Map();
  for (const line of current.split("\n")) {
    const match = entry(line);
    if (match && !values.has(match[1])) values.set(match[1], match[2]);
  }
  const added = [];
  const known = new Set();
  const lines = readFileSync(".dev.vars.example", "utf8")
    .split("\n")
    .map((line) => {
      const match = entry(line);
      if (!match) return line;
      known.add(match[1]);
      if (values.has(match[1])) return `${match[1]}=${values.get(match[1])}`;
      added.push(match[1]);
      return line;
    });
  const extra = [...values].filter(([name]) => !known.has(name)).map(([name, value]) => `${name}=${value}`);
  const next = [...lines, ...(extra.length > 0 ? ["# Not in .dev.vars.example", ...extra, ""] : [])].join("\n");
  if (next !== current) {
    writeFileSync(".dev.vars", next);
    console.log(
      added.length > 0 ? `Added ${added.join(", ")} to .dev.vars from .dev.vars.example.` : "Put .dev.vars in .dev.vars.example's order.",
    );
  }
}

// The local Content Credentials signer is made per checkout (never committed), so it is added here.
await import("./ensure-c2pa-dev-cert.mjs");
