import { readFileSync } from "node:fs";
import { join } from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { parse } from "smol-toml";
import type { DevServer } from "./server";

interface WranglerConfig {
  d1_databases: { binding: string; database_id: string; preview_database_id?: string }[];
  r2_buckets: { binding: string; bucket_name: string; preview_bucket_name?: string }[];
}

/** The dev server's D1 database and R2 bucket, read from Node while it runs. */
export interface LocalState {
  /** Every row, in any table the app owns, where any column's text contains one of `needles` (case-insensitive): `{ table: rows }`. */
  rowsMentioning(...needles: string[]): Promise<Record<string, Record<string, unknown>[]>>;
  /** Runs one write against the dev server's database (a state the test cannot reach through the app in time). */
  execute(query: string, ...params: unknown[]): Promise<void>;
  /** Every R2 key that contains `needle` anywhere in it. */
  objectKeysContaining(needle: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Opens the `--persist-to` state of `server` in a second workerd, as `wrangler d1 execute --local` and
 * `wrangler r2 object --local` do (the same ids, `<persist>/v3`), so the test sees what the Worker sees;
 * wrangler has no local R2 listing, hence Miniflare directly.
 */
export async function openLocalState(server: Pick<DevServer, "persist">): Promise<LocalState> {
  const config = parse(readFileSync("wrangler.toml", "utf8")) as unknown as WranglerConfig;
  const db = config.d1_databases.find((d) => d.binding === "DB");
  const bucket = config.r2_buckets.find((b) => b.binding === "MEDIA");
  if (!db || !bucket) throw new Error("wrangler.toml has no DB or MEDIA binding");
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      script: "export default { fetch: () => new Response(null, { status: 404 }) }",
      resourcePersistencePath: join(server.persist, "v3"),
      d1Databases: { DB: db.preview_database_id ?? db.database_id },
      r2Buckets: { MEDIA: bucket.preview_bucket_name ?? bucket.bucket_name },
    }),
  );
  const d1 = await mf.getD1Database("DB");
  const r2 = await mf.getR2Bucket("MEDIA");

  // The same rule as the worker tests' rowsMentioning (test/privacy/support.ts): every table, every column.
  const columnsByTable = async () => {
    const { results } = await d1
      .prepare(
        `SELECT m.name AS tableName, c.name AS columnName FROM sqlite_master m JOIN pragma_table_info(m.name) c
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_cf_%' AND m.name <> 'd1_migrations'`,
      )
      .all<{ tableName: string; columnName: string }>();
    const tables = new Map<string, string[]>();
    for (const { tableName, columnName } of results) tables.set(tableName, [...(tables.get(tableName) ?? []), columnName]);
    return tables;
  };

  return {
    async rowsMentioning(...needles) {
      const found: Record<string, Record<string, unknown>[]> = {};
      for (const [table, columns] of await columnsByTable()) {
        // One query per needle: SQLite caps an expression's depth at 100, and OR-chains count.
        const where = columns.map((c) => `instr(lower(CAST("${c}" AS TEXT)), lower(?1)) > 0`).join(" OR ");
        for (const needle of needles) {
          const { results } = await d1.prepare(`SELECT * FROM "${table}" WHERE ${where}`).bind(needle).all<Record<string, unknown>>();
          if (results.length > 0) found[table] = [...(found[table] ?? []), ...results];
        }
      }
      return found;
    },
    async execute(query, ...params) {
      await d1
        .prepare(query)
        .bind(...params)
        .run();
    },
    async objectKeysContaining(needle) {
      const keys: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await r2.list({ cursor });
        keys.push(...page.objects.map((o) => o.key).filter((key) => key.includes(needle)));
        cursor = page.truncated ? page.cursor : undefined;
      } while (cursor);
      return keys;
    },
    close: () => mf.dispose(),
  };
}
