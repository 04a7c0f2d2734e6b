// Finds the Chromium the browser tests drive, or installs Debian's package when it can.
// Order: CHROMIUM_PATH, CHROME_PATH, Debian's /usr/bin/chromium; when none is there and we run as
// root (or with password-less sudo) where apt-get exists, `apt-get install chromium`. Never a
// browser downloaded from anywhere else. Used by `.ci/ensure-chromium.mjs` at the start of `npm test`.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { aptRunner, runLoud } from "./apt.mjs";

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

const say = (line) => console.log(`[chromium] ${line}`);

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function version(path) {
  const result = spawnSync(path, ["--version"], { encoding: "utf8", timeout: 30_000 });
  return result.status === 0 ? result.stdout.trim() : null;
}

const HOW_TO_INSTALL =
  "Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`), or point CHROMIUM_PATH at a Chromium or Chrome binary, then run `npm test` again.";

/**
 * The path of a working Chromium, installing Debian's package first when it is missing and that is
 * possible. Throws an Error whose message says what to install when there is none.
 * `path` is where Debian's package puts the browser (a parameter so the missing case can be tried).
 */
export function ensureChromium({ env = process.env, path = DEBIAN_CHROMIUM } = {}) {
  for (const name of ["CHROMIUM_PATH", "CHROME_PATH"]) {
    const given = env[name];
    if (!given) continue;
    // A path given on purpose is used or refused, never silently replaced by another browser.
    if (!isExecutable(given)) throw new Error(`${name}=${given} is not an executable file. ${HOW_TO_INSTALL}`);
    say(`using ${name}=${given} (${version(given) ?? "version unknown"})`);
    return given;
  }
  if (isExecutable(path)) {
    say(`using ${path} (${version(path) ?? "version unknown"})`);
    return path;
  }
  const runner = aptRunner();
  if (!runner) throw new Error(`No Chromium at ${path} and no CHROMIUM_PATH or CHROME_PATH set. ${HOW_TO_INSTALL}`);
  say(`${path} is missing: installing Debian's chromium package with apt-get (needs the Debian mirrors).`);
  const installed =
    runLoud(say, [...runner, "apt-get", "update", "-qq"]) && runLoud(say, [...runner, "apt-get", "install", "-y", "-qq", "chromium"]);
  if (!installed) throw new Error(`apt-get could not install chromium. ${HOW_TO_INSTALL}`);
  if (!isExecutable(path)) throw new Error(`apt-get installed chromium, but there is still no ${path}. ${HOW_TO_INSTALL}`);
  say(`installed ${path} (${version(path) ?? "version unknown"})`);
  return path;
}
