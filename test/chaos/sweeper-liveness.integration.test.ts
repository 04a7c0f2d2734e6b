import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import type { GenerationDeps } from "../../workers/generation/deps";
import { sweepGenerations } from "../../workers/generation/sweeper";
import { fundedUser, holdStatus, ScriptedProvider, submit, testDeps } from "../generation/support";

/**
 * Found by the chaos run (jobs left past their deadline while sweeps ran): one job whose
 * settlement throws must not stop the sweep from ending and settling everyone else's.
 */
it("a sweep goes on past a job whose Account object keeps failing", async () => {
  const { deps } = testDeps(new ScriptedProvider());
  const stuck = await fundedUser(20);
  const other = await fundedUser(20);
  const stuckJobs = [await submit(deps, stuck), await submit(deps, stuck)];
  const otherJob = await submit(deps, other);
  // All three ended (say a crash between D1 and the Account object) with their holds still open.
  await env.DB.prepare(`UPDATE jobs SET status = 'failed', finished_at = ? WHERE id IN (?, ?, ?)`)
    .bind(Date.now(), ...stuckJobs, otherJob)
    .run();
  const failing: GenerationDeps = {
    ...deps,
    accounts: (userId) => {
      const real = deps.accounts(userId);
      if (userId !== stuck) return real;
      const down = () => Promise.reject(new Error("Account object unreachable"));
      return { ...real, capture: down, release: down, publish: down };
    },
  };
  await sweepGenerations(failing, Date.now()).catch(() => undefined);
  expect(await holdStatus(otherJob)).toBe("released");
  expect(await holdStatus(stuckJobs[0]!)).toBe("open"); // its turn comes again at the next sweep
});
