// Step of `npm test`: the provenance browser test reads Ausar's marks back with Debian's exiftool
// (an independent reader). Finds it, or installs Debian's libimage-exiftool-perl as root, and says
// which; otherwise stops with what to install.
import { spawnSync } from "node:child_process";
import { aptRunner, runLoud } from "./apt.mjs";

const say = (line) => console.log(`[exiftool] ${line}`);
const HOW_TO_INSTALL = "Install exiftool (Debian/Ubuntu: `sudo apt-get install libimage-exiftool-perl`), then run `npm test` again.";

function version() {
  const result = spawnSync("exiftool", ["-ver"], { encoding: "utf8", timeout: 30_000 });
  return result.status === 0 ? result.stdout.trim() : null;
}

let found = version();
if (found) {
  say(`using exiftool ${found}`);
} else {
  const runner = aptRunner();
  if (!runner) {
    console.error(`[exiftool] exiftool is not installed. ${HOW_TO_INSTALL}`);
    process.exit(1);
  }
  say("exiftool is missing: installing Debian's libimage-exiftool-perl with apt-get (needs the Debian mirrors).");
  const installed =
    runLoud(say, [...runner, "apt-get", "update", "-qq"]) &&
    runLoud(say, [...runner, "apt-get", "install", "-y", "-qq", "libimage-exiftool-perl"]);
  found = installed ? version() : null;
  if (!found) {
    console.error(`[exiftool] apt-get could not install exiftool. ${HOW_TO_INSTALL}`);
    process.exit(1);
  }
  say(`installed exiftool ${found}`);
}
