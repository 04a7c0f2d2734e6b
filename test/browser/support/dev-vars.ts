import { readFileSync } from "node:fs";

/** A value of the dev server's `.dev.vars` (the example file on a machine that has none yet). */
export function devVar(name: string): string {
  const file = (() => {
    try {
      return readFileSync(".dev.vars", "utf8");
    } catch {
      return readFileSync(".dev.vars.example", "utf8");
    }
  })();
  const match = new RegExp(`^${name}=(.+)$`, "m").exec(file);
  if (!match?.[1]) throw new Error(`${name} not found in .dev.vars`);
  return match[1].trim();
}
