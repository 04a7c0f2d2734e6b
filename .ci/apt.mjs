// Running Debian's apt-get from `npm test`'s set-up steps (Chromium, exiftool), when that is possible.
import { spawnSync } from "node:child_process";

export function commandExists(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

/** How apt-get can be run here: directly as root, through password-less sudo, or not at all (null). */
export function aptRunner() {
  if (!commandExists("apt-get")) return null;
  if (process.getuid?.() === 0) return [];
  if (commandExists("sudo") && spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0) return ["sudo", "-n"];
  return null;
}

/** Runs `argv` with its output shown, after saying so through `say`; true when it succeeded. */
export function runLoud(say, argv) {
  say(`running: ${argv.join(" ")}`);
  const [cmd, ...args] = argv;
  const result = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return result.status === 0;
}
