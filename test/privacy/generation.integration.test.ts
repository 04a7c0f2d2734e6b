import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { accountFor } from "../../workers/credits/account-client";
import { database } from "../../workers/db/client";
import { deleteAccount } from "../../workers/privacy/deletion";
import { privacyDeps } from "../../workers/privacy/deps";
import { purgeAccount } from "../../workers/privacy/purge";
import type { Task } from "../../workers/privacy/tasks";
import { deliver, images, ScriptedProvider, submit, testDeps } from "../generation/support";
import { keysUnder } from "../media/helpers";
import { signUpVerified } from "../support/users";
import { call, rowsMentioning, waitFor } from "./support";

const ip = "10.91.4.1";

/** What generation does for an account deleted while its job is in flight (see docs/privacy.md). */
describe("generation for a deleted account", () => {
  it("a provider call under way when the account is deleted leaves no media row and no object behind", async () => {
    const user = await signUpVerified({ ip });
    const provider = new ScriptedProvider([
      async () => {
        // While the provider works, the person deletes their account and the purge runs to the end.
        const res = await call(user, "/api/account", { method: "DELETE", json: { password: user.password } }, ip);
        expect(res.status).toBe(202);
        await waitFor(
          async () => ((await env.DB.prepare("SELECT 1 FROM users WHERE id = ?").bind(user.userId).first()) ? undefined : true),
          "purge",
        );
        return images(2);
      },
    ]);
    const { deps, queue } = testDeps(provider);
    const jobId = await submit(deps, user.userId, { count: 2 });
    const [start] = queue.drain();
    await deliver(deps, [start!.message]);

    expect(provider.submits).toHaveLength(1);
    // The consumer stored both outputs, found the job gone when it came to record them, and removed them.
    expect(await keysUnder(`media/${user.userId}/`)).toEqual([]);
    expect(await rowsMentioning(user.userId, jobId)).toEqual({});
    expect(queue.drain()).toEqual([]);
  });

  it("a queued job is canceled at deletion; a late settlement is swept by the purge's follow-up pass", async () => {
    const user = await signUpVerified({ ip });
    const provider = new ScriptedProvider();
    const { deps, queue } = testDeps(provider);
    const jobId = await submit(deps, user.userId);
    const tasks: Task[] = [];
    const enqueue = async (task: Task) => void tasks.push(task);
    await deleteAccount({ db: database(env.DB), now: Date.now(), closeLive: async () => {}, enqueue }, user.userId, user.password);
    const job = await env.DB.prepare("SELECT status, error_code FROM jobs WHERE id = ?").bind(jobId).first();
    expect(job).toEqual({ status: "canceled", error_code: "account_deleted" });

    // The job's start message arrives after the deletion: the provider is never called.
    const [start] = queue.drain();
    await deliver(deps, [start!.message]);
    expect(provider.submits).toHaveLength(0);

    const purgeDeps = { ...privacyDeps(env), enqueue };
    expect(await purgeAccount(purgeDeps, user.userId, false)).toBe("done");
    expect(await rowsMentioning(user.userId)).toEqual({});
    expect(tasks.at(-1)).toEqual({ type: "purge", userId: user.userId, final: true });

    // Any later call on the person's Account object (a settlement racing the purge) leaves an empty
    // balance row behind; the follow-up pass removes it.
    await accountFor(env, user.userId).release(jobId);
    expect(Object.keys(await rowsMentioning(user.userId))).toEqual(["credit_balances"]);
    expect(await purgeAccount(purgeDeps, user.userId, true)).toBe("done");
    expect(await rowsMentioning(user.userId)).toEqual({});
  });
});
