import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newId } from "../../workers/lib/ids";
import { AppError } from "../../workers/lib/errors";
import { accountFor } from "../../workers/credits/account-client";
import type { ClawbackResult, MutationResult } from "../../workers/credits/contract";
import * as ops from "../../workers/credits/operations";
import { expectInvariants } from "./support";

/**
 * Randomised property test, generated with fast-check from a fixed seed. On failure fast-check
 * prints `seed` and `path`; put them in REPLAY below to run exactly that case again.
 */
const SEED = 20_261_101;
const REPLAY: { seed: number; path?: string } | null = null;
const RUNS = 16;
const USERS = 4;
const JOBS_PER_USER = 8;
const KEYS = 5;

type Call =
  | { t: "grant"; k: number; amount: number }
  | { t: "hold"; owner: number; j: number; amount: number }
  | { t: "capture"; owner: number; j: number }
  | { t: "release"; owner: number; j: number }
  | { t: "adjust"; k: number; delta: number }
  | { t: "clawback"; k: number; amount: number };

/**
 * One step: a call by user `u`, sometimes sent twice at once, or first run by a "zombie" writer;
 * or a crash of `u`'s object (`state.abort()`) landing among the calls.
 */
type Step = { kind: "call"; u: number; call: Call; duplicate: boolean; zombie: boolean } | { kind: "abort"; u: number };

const user = fc.integer({ min: 0, max: USERS - 1 });
const job = fc.integer({ min: 0, max: JOBS_PER_USER - 1 });
const key = fc.integer({ min: 0, max: KEYS - 1 });
// Mostly the caller's own jobs; sometimes another user's, which must be refused.
const owner = (u: number) => fc.oneof({ arbitrary: fc.constant(u), weight: 5 }, { arbitrary: user, weight: 1 });

const oneIn = (n: number) => fc.integer({ min: 1, max: n }).map((x) => x === 1);

const callFor = (u: number): fc.Arbitrary<Call> =>
  fc.oneof(
    { arbitrary: fc.record({ t: fc.constant("grant" as const), k: key, amount: fc.integer({ min: 1, max: 6 }) }), weight: 2 },
    { arbitrary: fc.record({ t: fc.constant("hold" as const), owner: owner(u), j: job, amount: fc.integer({ min: 1, max: 4 }) }), weight: 5 },
    { arbitrary: fc.record({ t: fc.constant("capture" as const), owner: owner(u), j: job }), weight: 3 },
    { arbitrary: fc.record({ t: fc.constant("release" as const), owner: owner(u), j: job }), weight: 3 },
    { arbitrary: fc.record({ t: fc.constant("adjust" as const), k: key, delta: fc.integer({ min: -5, max: 5 }).filter((n) => n !== 0) }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constant("clawback" as const), k: key, amount: fc.integer({ min: 1, max: 8 }) }), weight: 1 },
  );

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: user.chain((u) =>
      fc.record({ kind: fc.constant("call" as const), u: fc.constant(u), call: callFor(u), duplicate: oneIn(4), zombie: oneIn(4) }),
    ),
    weight: 30,
  },
  { arbitrary: fc.record({ kind: fc.constant("abort" as const), u: user }), weight: 1 },
);

/**
 * Rounds of steps; the steps of a round all start at once. After a round, one user's object may
 * be evicted (in-memory state gone, storage kept). Eviction waits for calls in flight to drain,
 * so it runs between rounds; the abort above is the crash that cuts calls off mid-way.
 */
const round = fc.record({
  steps: fc.array(step, { minLength: 1, maxLength: 10 }),
  evict: fc.option(user, { freq: 4 }),
});
const workload = fc.array(round, { minLength: 25, maxLength: 35 });

type Result = MutationResult | ClawbackResult;

class Run {
  readonly id = crypto.randomUUID().slice(0, 8);
  readonly users = Array.from({ length: USERS }, (_, u) => `prop-${this.id}-u${u}`);
  /** Per settlement key: how many calls answered applied (must end at most 1). */
  readonly settlementsApplied = new Map<string, number>();
  readonly grantsApplied = new Map<string, number>();
  calls = 0;
  evictions = 0;
  /** Calls cut off by a crash and sent again. */
  retries = 0;

  jobId(owner: number, j: number) {
    return `prop-${this.id}-u${owner}-job${j}`;
  }

  private async viaObject(u: number, call: Call): Promise<Result> {
    const account = accountFor(env, this.users[u]!);
    switch (call.t) {
      case "grant":
        return account.grant(`g${call.k}-${this.users[u]}`, call.amount, "purchase", null);
      case "hold":
        return account.hold(this.jobId(call.owner, call.j), call.amount);
      case "capture":
        return account.capture(this.jobId(call.owner, call.j));
      case "release":
        return account.release(this.jobId(call.owner, call.j), "provider failed");
      case "adjust":
        return account.adjust(`a${call.k}-${this.users[u]}`, call.delta, "property test", "test");
      case "clawback":
        return account.clawback(`c${call.k}-${this.users[u]}`, call.amount, null);
    }
  }

  /** The same operation run straight against D1, as an instance that crashed after writing would have. */
  private viaZombie(u: number, call: Call): Promise<Result> {
    const deps: ops.LedgerDeps = { db: env.DB, userId: this.users[u]!, now: () => Date.now(), newId };
    switch (call.t) {
      case "grant":
        return ops.grant(deps, { key: `g${call.k}-${this.users[u]}`, amount: call.amount, source: "purchase", reference: null });
      case "hold":
        return ops.hold(deps, { jobId: this.jobId(call.owner, call.j), amount: call.amount });
      case "capture":
      case "release":
        return ops.settle(deps, { jobId: this.jobId(call.owner, call.j), kind: call.t, reason: "provider failed" });
      case "adjust":
        return ops.adjust(deps, { key: `a${call.k}-${this.users[u]}`, delta: call.delta, reason: "property test", actor: "test" });
      case "clawback":
        return ops.clawback(deps, { key: `c${call.k}-${this.users[u]}`, amount: call.amount, reference: null });
    }
  }

  private record(u: number, call: Call, result: Result): void {
    this.calls += 1;
    expect(result.balance.available).toBeGreaterThanOrEqual(0);
    expect(result.balance.held).toBeGreaterThanOrEqual(0);
    if (!result.ok || !result.applied) return;
    if (call.t === "capture" || call.t === "release") {
      const k = this.jobId(call.owner, call.j);
      this.settlementsApplied.set(k, (this.settlementsApplied.get(k) ?? 0) + 1);
    }
    if (call.t === "grant") {
      const k = `${u}:${call.k}`;
      this.grantsApplied.set(k, (this.grantsApplied.get(k) ?? 0) + 1);
    }
  }

  /**
   * Expected refusals are answers; the one expected error is a conflict, and only for a hold on
   * a job id another user holds. Anything else from the object is a reset under the call: retry it, as
   * real callers do. A zombie runs in this isolate, so any other error from it is a real failure.
   */
  private async settle(u: number, call: Call, attempt: Promise<Result>, zombie = false): Promise<"done" | "retry"> {
    try {
      this.record(u, call, await attempt);
      return "done";
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (error instanceof AppError || code === "idempotency_conflict") {
        expect(code, `${call.t} by u${u}`).toBe("idempotency_conflict");
        // Job ids are global: whoever holds one first owns it, so even its "owner" may find it taken.
        expect(call.t, `conflict only on a hold: u${u} ${JSON.stringify(call)} ${String(error)}`).toBe("hold");
        return "done";
      }
      if (zombie) throw error;
      this.retries += 1;
      return "retry";
    }
  }

  /** A call through the object, retried after infrastructure errors (a reset object), like a real caller. */
  private async callWithRetry(u: number, call: Call): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      if ((await this.settle(u, call, this.viaObject(u, call))) === "done") return;
    }
    throw new Error(`call ${JSON.stringify(call)} kept failing`);
  }

  async step(s: Step): Promise<void> {
    if (s.kind === "abort") {
      const stub = env.ACCOUNT.getByName(this.users[s.u]!);
      // The abort rejects the call that carried it; calls cut off by it are retried by callWithRetry.
      await runInDurableObject(stub, (_instance, state) => state.abort("simulated crash")).catch(() => undefined);
      return;
    }
    const work: Promise<void>[] = [];
    if (s.zombie) {
      // The write lands, the answer is lost; the caller then retries through the object.
      work.push(this.settle(s.u, s.call, this.viaZombie(s.u, s.call), true).then(() => this.callWithRetry(s.u, s.call)));
    } else {
      work.push(this.callWithRetry(s.u, s.call));
    }
    if (s.duplicate) work.push(this.callWithRetry(s.u, s.call));
    await Promise.all(work);
  }

  /** Evicts one user's object; one that is not running has nothing to evict. */
  async evict(u: number): Promise<void> {
    this.evictions += 1;
    await evictDurableObject(env.ACCOUNT.getByName(this.users[u]!)).catch((error: unknown) => {
      if (!String(error).includes("not currently running")) throw error;
    });
  }

  async check(): Promise<void> {
    for (const [k, n] of this.settlementsApplied) expect(n, `settlement of ${k} applied once`).toBe(1);
    for (const [k, n] of this.grantsApplied) expect(n, `grant ${k} applied once`).toBe(1);
    for (const userId of this.users) await expectInvariants(userId);
  }
}

describe("credit ledger under random concurrent workloads (fast-check)", () => {
  it("keeps every invariant for every user after every run", async () => {
    let calls = 0;
    let evictions = 0;
    let retries = 0;
    const property = fc.asyncProperty(workload, async (rounds) => {
      const run = new Run();
      // Every user starts with a little, so holds race for the last credits from the start.
      await Promise.all(run.users.map((u) => accountFor(env, u).grant(`seed-${u}`, 6, "promo", null)));
      for (const { steps, evict } of rounds) {
        await Promise.all(steps.map((s) => run.step(s)));
        if (evict !== null) await run.evict(evict);
        if (evict !== null || steps.some((s) => s.kind === "abort")) await run.check(); // after each disruption, and at the end
      }
      await run.check();
      calls += run.calls;
      evictions += run.evictions;
      retries += run.retries;
    });
    const params = REPLAY ?? { seed: SEED };
    console.log(`credits property test: seed ${params.seed}${"path" in params && params.path ? ` path ${params.path}` : ""}`);
    await fc.assert(property, { ...params, numRuns: REPLAY ? 1 : RUNS, endOnFailure: true });
    console.log(`credits property test: ${calls} operations, ${evictions} evictions, ${retries} calls retried after a crash, ${RUNS} runs of ${USERS} users`);
    expect(calls).toBeGreaterThan(2_000);
  }, 600_000);
});
