import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";

// The staff command (scripts/staff.mjs) run for real, as `npm run staff` runs it, against a local D1
// state with every migration applied; rows are prepared and read with `wrangler d1 execute`.
const ENV = { ...process.env, PATH: `${resolve("node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`, CI: "true" };
let persist = "";

function d1(sql: string): Record<string, unknown>[][] {
  const run = spawnSync(
    "node_modules/.bin/wrangler",
    ["d1", "execute", "DB", "--local", "--persist-to", persist, "--json", "--command", sql],
    {
      encoding: "utf8",
      env: ENV,
    },
  );
  if (run.status !== 0) throw new Error(`d1 execute failed:\n${run.stdout}\n${run.stderr}`);
  return (JSON.parse(run.stdout) as { results: Record<string, unknown>[] }[]).map((statement) => statement.results);
}

function staff(...args: string[]) {
  const run = spawnSync("node", ["scripts/staff.mjs", ...args, "--persist-to", persist], { encoding: "utf8", env: ENV });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

let serial = 0;
/** A user row as sign-up leaves it (lower-case address), optionally with a role and a state. */
function user(email: string, extra: { role?: string; deletedAt?: number; suspendedAt?: number } = {}) {
  serial += 1;
  const id = `00000000-0000-7000-8000-${String(serial).padStart(12, "0")}`;
  const q = (v: string) => `'${v.replaceAll("'", "''")}'`;
  const n = (v: number | undefined) => (v === undefined ? "NULL" : String(v));
  return {
    id,
    sql: `INSERT INTO users (id, email, name, password_hash, role, age_confirmed_at, referral_code, created_at, deleted_at, suspended_at)
      VALUES (${q(id)}, ${q(email)}, 'Test', 'x', ${q(extra.role ?? "user")}, 1, ${q(`ref${serial}`)}, 1, ${n(extra.deletedAt)}, ${n(extra.suspendedAt)});`,
  };
}

const session = (id: string, userId: string, revoked = "NULL, NULL") =>
  `INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, revoked_at, revoke_reason) VALUES ('${id}', '${userId}', 1, 1, 9999999999999, ${revoked});`;

const ada = user("ada@example.com");
const obrien = user("o'brien@example.com");
const gone = user("gone@example.com", { deletedAt: 5 });
const only = user("only-admin@example.com", { role: "admin" });
const resting = user("resting-admin@example.com", { role: "admin", suspendedAt: 5 });

beforeAll(() => {
  persist = mkdtempSync(join(tmpdir(), "ausar-staff-cli-"));
  const migrate = spawnSync("node_modules/.bin/wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], {
    encoding: "utf8",
    env: ENV,
  });
  if (migrate.status !== 0) throw new Error(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);
  d1(
    [ada, obrien, gone, only, resting].map((u) => u.sql).join("\n") +
      session("ada-1", ada.id) +
      session("ada-2", ada.id) +
      session("ada-old", ada.id, "7, 'signed_out'") +
      session("only-1", only.id),
  );
});

afterAll(() => {
  if (persist) rmSync(persist, { recursive: true, force: true });
});

it("grants admin to the address as sign-up normalises it, ends the person's live sessions and writes the audit row", () => {
  const run = staff("grant", "  ADA@Example.com ", "admin", "--reason", "first admin");
  expect(run.err).toBe("");
  expect(run.status).toBe(0);
  expect(run.out).toContain("ada@example.com now has the role admin (was user).");
  expect(run.out).toContain("Ended 2 sessions");
  expect(run.out).toContain("turn on two-factor sign-in (Account → Security)");

  const [roles, sessions, audit] = d1(
    `SELECT role FROM users WHERE id = '${ada.id}';
     SELECT id, revoked_at IS NOT NULL AS revoked, revoke_reason FROM sessions WHERE user_id = '${ada.id}' ORDER BY id;
     SELECT * FROM audit_log WHERE target_user_id = '${ada.id}';`,
  );
  expect(roles).toEqual([{ role: "admin" }]);
  // The already-ended session keeps its own end; the live ones end as the console's role change ends them.
  expect(sessions).toEqual([
    { id: "ada-1", revoked: 1, revoke_reason: "role_changed" },
    { id: "ada-2", revoked: 1, revoke_reason: "role_changed" },
    { id: "ada-old", revoked: 1, revoke_reason: "signed_out" },
  ]);
  expect(audit).toHaveLength(1);
  expect(audit?.[0]).toMatchObject({
    actor_id: "cli",
    actor_role: "admin",
    action: "user.role.change",
    outcome: "ok",
    status: 200,
    target_object: "role:admin",
    reason: "first admin",
  });
  expect(audit?.[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

  const again = staff("grant", "ada@example.com", "admin");
  expect(again.status).toBe(0);
  expect(again.out).toContain("already has the role admin: nothing changed.");
  expect(d1(`SELECT count(*) AS n FROM audit_log WHERE target_user_id = '${ada.id}'`)[0]).toEqual([{ n: 1 }]);
});

it("grants support to an address with a quote in it, with the default reason", () => {
  const run = staff("grant", "o'brien@example.com", "support");
  expect(run.status).toBe(0);
  expect(run.out).toContain("o'brien@example.com now has the role support (was user).");
  const [roles, audit] = d1(
    `SELECT role FROM users WHERE id = '${obrien.id}'; SELECT target_object, reason FROM audit_log WHERE target_user_id = '${obrien.id}';`,
  );
  expect(roles).toEqual([{ role: "support" }]);
  expect(audit).toEqual([{ target_object: "role:support", reason: "staff CLI" }]);
});

it("refuses an unknown, a deleted or a malformed address, an unknown role and an empty reason, writing nothing", () => {
  const before = d1("SELECT count(*) AS n FROM audit_log")[0];
  const unknown = staff("grant", "nobody@example.com", "admin");
  expect(unknown.status).toBe(1);
  expect(unknown.err).toContain("No account uses nobody@example.com");
  const deleted = staff("grant", "gone@example.com", "admin");
  expect(deleted.status).toBe(1);
  expect(deleted.err).toContain("was deleted");
  const malformed = staff("grant", "x'; DROP TABLE users; --@example.com", "admin");
  expect(malformed.status).toBe(1);
  expect(malformed.err).toContain("is not an email address");
  const role = staff("grant", "ada@example.com", "owner");
  expect(role.status).toBe(1);
  expect(role.err).toContain("give one of user, support, admin");
  const reason = staff("grant", "ada@example.com", "user", "--reason", "  ");
  expect(reason.status).toBe(1);
  expect(reason.err).toContain("Give a reason");
  expect(d1("SELECT count(*) AS n FROM audit_log")[0]).toEqual(before);
  expect(d1(`SELECT role FROM users WHERE id = '${gone.id}'`)[0]).toEqual([{ role: "user" }]);
});

it("never demotes the last active admin: a suspended admin does not count, another active one does", () => {
  // Ada is an admin since the first test; demote her so `only` is the one active admin left.
  expect(staff("grant", "ada@example.com", "user").status).toBe(0);

  const refused = staff("grant", "only-admin@example.com", "support");
  expect(refused.status).toBe(1);
  expect(refused.err).toContain("only-admin@example.com is the only active admin. Make someone else an admin first.");
  const [roles, sessions] = d1(
    `SELECT role FROM users WHERE id = '${only.id}'; SELECT revoked_at FROM sessions WHERE user_id = '${only.id}';`,
  );
  expect(roles).toEqual([{ role: "admin" }]);
  expect(sessions).toEqual([{ revoked_at: null }]);

  // The suspended admin is no active admin, but demoting them is no risk either.
  expect(staff("grant", "resting-admin@example.com", "user").status).toBe(0);

  expect(staff("grant", "ada@example.com", "admin").status).toBe(0);
  const demoted = staff("grant", "only-admin@example.com", "user", "--reason", "left the team");
  expect(demoted.status).toBe(0);
  expect(demoted.out).toContain("Ended 1 session:");
});

it("lists staff with their state and whether two-factor is on", () => {
  d1(
    `INSERT INTO totp_credentials (user_id, secret, enabled_at, last_step, created_at) VALUES ('${ada.id}', 'JBSWY3DPEHPK3PXP', 1, 0, 1);`,
  );
  const run = staff("list");
  expect(run.status).toBe(0);
  expect(run.out).toContain("admin   ada@example.com  active, two-factor on");
  expect(run.out).toContain("support o'brien@example.com  active, two-factor not on yet (console closed)");
  expect(run.out).not.toContain("only-admin@example.com");
});
