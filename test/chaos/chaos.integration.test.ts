import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { runChaos } from "./driver";
import { checkUser } from "./invariants";

/**
 * One seeded chaos run across many users: holds, captures, releases, grants, refunds and disputes
 * (clawbacks, with debt once credits are spent), cancels, duplicate and out-of-order queue
 * deliveries, Account object evictions and crashes, calls lost before or after they apply,
 * provider failures, and webhook retries and redeliveries in any order, with every invariant
 * checked throughout (`invariants.ts`). A failing run prints its seed; replay it by setting SEED.
 * `CHAOS_OPS` / `CHAOS_SEED` (bindings set by `bench/chaos/`) run the long version.
 */
const bindings = env as { CHAOS_OPS?: string; CHAOS_SEED?: string };
const SEED = Number(bindings.CHAOS_SEED ?? 20_261_206);
const OPERATIONS = Number(bindings.CHAOS_OPS ?? 300);

it(`chaos: ${OPERATIONS} operations, seed ${SEED}, 0 invariant violations`, async () => {
  const report = await runChaos({ seed: SEED, operations: OPERATIONS, users: 8, checkEvery: OPERATIONS >= 5000 ? 250 : 60 });
  console.log(`chaos report ${JSON.stringify(report)}`);
  expect(report.violations.slice(0, 20)).toEqual([]);
  expect(report.operations).toBe(OPERATIONS);
}, 3_600_000);

it("the invariant checker is not blind: a ledger row the projection missed, a double settlement, a hold during debt", async () => {
  const userId = `chaos-probe-${crypto.randomUUID()}`;
  const row = (id: string, kind: string, delta: number, held: number, debt: number, ref: string) =>
    env.DB.prepare(
      `INSERT INTO credit_ledger (id, user_id, delta, held_delta, debt_delta, kind, reference, description, idempotency_key, balance_after, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'probe', ?, 0, ?)`,
    ).bind(`${userId}-${id}`, userId, delta, held, debt, kind, ref, `${userId}-${id}`, Date.parse("2026-01-01") + Number(id));
  await env.DB.batch([
    row("1", "refund_clawback", 0, 0, 3, "payment:p"),
    row("2", "hold", 0, 2, 0, "job:j"),
    row("3", "release", 0, -2, 0, "job:j"),
    row("4", "release", 0, -2, 0, "job:j"),
  ]);
  const found = (await checkUser(userId)).join("\n");
  expect(found).toMatch(/hold job:j applied while 3 credits were owed/);
  expect(found).toMatch(/job:j settled 2 times/);
  expect(found).toMatch(/debt 0 != sum\(debt_delta\) 3/);
});
