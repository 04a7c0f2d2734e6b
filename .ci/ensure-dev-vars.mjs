// Creates .dev.vars from .dev.vars.example on a fresh clone, so local secrets exist without setup.
import { copyFileSync, existsSync } from "node:fs";

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("Created .dev.vars from .dev.vars.example (local development values).");
}

// The local Content Credentials signer is made per checkout (never committed), so it is added here.
await import("./ensure-c2pa-dev-cert.mjs");
