import { expect, it } from "vitest";
import { JobWaiters } from "../../workers/credits/job-waiters";

it("wakes every wait on a job when it finishes, times out otherwise, and answers a late wait from memory", async () => {
  const waiters = new JobWaiters();
  const first = waiters.wait("job-1", 5_000);
  const second = waiters.wait("job-1", 5_000);
  const other = waiters.wait("job-2", 50);
  waiters.finish("job-1");
  expect(await Promise.all([first, second])).toEqual([true, true]);
  expect(await other).toBe(false);
  // The finish came first: the wait that follows is answered at once.
  expect(await waiters.wait("job-1", 5_000)).toBe(true);
});

it("forgets the oldest finished jobs past its memory, so it never grows without bound", async () => {
  const waiters = new JobWaiters();
  for (let n = 0; n < 300; n++) waiters.finish(`job-${n}`);
  expect(await waiters.wait("job-299", 10)).toBe(true);
  expect(await waiters.wait("job-0", 10)).toBe(false);
});
