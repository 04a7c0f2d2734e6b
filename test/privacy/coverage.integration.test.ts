import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ACCOUNT_DATA_EXCLUSIONS, accountDataContributions } from "../../workers/account-data";
import { appTables, columnsOf } from "./support";

/** A column that names a person: their id (under any role: owner, referrer, staff actor, …) or an email address. */
const PERSONAL_COLUMN = /(^|_)user_id$|^user_ref$|^referrer_id$|^referred_by$|^actor_id$|email|^to_address$/;

/** Tables with a personal column that neither a contribution nor the exclusion list names. */
async function uncoveredTables(): Promise<{ table: string; columns: string[] }[]> {
  const covered = new Set([...accountDataContributions.flatMap((c) => c.tables), ...Object.keys(ACCOUNT_DATA_EXCLUSIONS)]);
  const uncovered: { table: string; columns: string[] }[] = [];
  for (const table of await appTables()) {
    const columns = (await columnsOf(table)).filter((column) => PERSONAL_COLUMN.test(column));
    if (columns.length > 0 && !covered.has(table)) uncovered.push({ table, columns });
  }
  return uncovered;
}

describe("account data coverage", () => {
  it("every table with a user id or email column is erased by some capability's purge or documented as kept", async () => {
    expect(
      await uncoveredTables(),
      "add the table to a capability's account-data.ts `tables` (and its purge), or to ACCOUNT_DATA_EXCLUSIONS with a reason",
    ).toEqual([]);
  });

  it("names only tables that exist, each claimed once, none both claimed and excluded", async () => {
    const tables = new Set(await appTables());
    const claimed = accountDataContributions.flatMap((c) => c.tables);
    const excluded = Object.keys(ACCOUNT_DATA_EXCLUSIONS);
    expect([...claimed, ...excluded].filter((table) => !tables.has(table))).toEqual([]);
    expect(claimed.filter((table, i) => claimed.indexOf(table) !== i)).toEqual([]);
    expect(excluded.filter((table) => claimed.includes(table))).toEqual([]);
    for (const reason of Object.values(ACCOUNT_DATA_EXCLUSIONS)) expect(reason.length).toBeGreaterThan(20);
  });

  it("has every capability contribute once, auth last (its final statement deletes the user row)", () => {
    const names = accountDataContributions.map((c) => c.capability);
    expect(new Set(names).size).toBe(names.length);
    expect(names.at(-1)).toBe("auth");
  });

  it("fails for a new table that holds a person's id and that nobody covers", async () => {
    await env.DB.prepare("CREATE TABLE coverage_probe (id TEXT PRIMARY KEY, owner_user_id TEXT, contact_email TEXT)").run();
    try {
      expect(await uncoveredTables()).toEqual([{ table: "coverage_probe", columns: ["owner_user_id", "contact_email"] }]);
    } finally {
      await env.DB.prepare("DROP TABLE coverage_probe").run();
    }
  });
});
