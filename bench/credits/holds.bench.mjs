// Holds per second and hold latency on local workerd (`wrangler dev` of bench/credits/wrangler.toml:
// the production Account object and health route plus a bench-only hold route), against the bare
// route measured in the same run. Prints JSON; the numbers go to bench/README.md by hand.
import { startLocalWorker } from "../lib/local-worker.mjs";
import { closedLoop, summarise } from "../lib/stats.mjs";

const SEQUENTIAL = 400; // interleaved bare/hold pairs, one at a time
const USERS = 50;
const PARALLEL_TOTAL = 3000;
const ONE_USER_CONCURRENCY = 16;
const ONE_USER_TOTAL = 1000;

const worker = await startLocalWorker({ config: "bench/credits/wrangler.toml" });
const post = (path) => fetch(`${worker.url}${path}`, { method: "POST" });
const bare = async () => (await fetch(`${worker.url}/api/health`)).text().then(() => true);
let jobs = 0;
const hold = async (user) => {
  const res = await post(`/bench/hold?user=${user}&job=bench-job-${jobs++}`);
  await res.text();
  return res.ok;
};
const timed = async (fn) => {
  const t0 = performance.now();
  if ((await fn()) === false) throw new Error("request failed");
  return performance.now() - t0;
};

try {
  const users = Array.from({ length: USERS }, (_, i) => `bench-user-${i}`);
  for (const user of users) await (await post(`/bench/grant?user=${user}&amount=1000000`)).text();
  for (let i = 0; i < 50; i++) await Promise.all([bare(), hold(users[0])]); // warm-up: JIT, D1, objects

  // One at a time, bare and hold interleaved so that drift on a shared machine hits both alike.
  const bareLatency = [];
  const holdLatency = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    bareLatency.push(await timed(bare));
    holdLatency.push(await timed(() => hold(users[0])));
  }
  const sequential = { bare: summarise(bareLatency), hold: summarise(holdLatency) };

  const oneUser = await closedLoop({ concurrency: ONE_USER_CONCURRENCY, total: ONE_USER_TOTAL, task: () => hold(users[1]) });
  const manyUsers = await closedLoop({ concurrency: USERS, total: PARALLEL_TOTAL, task: (w) => hold(users[w]) });
  const manyBare = await closedLoop({ concurrency: USERS, total: PARALLEL_TOTAL, task: bare });

  const ratio = (a, b) => Math.round((a / b) * 100) / 100;
  console.log(
    JSON.stringify(
      {
        sequential: {
          ...sequential,
          p50Ratio: ratio(sequential.hold.p50, sequential.bare.p50),
          holdsPerSecond: Math.round(1000 / sequential.hold.mean),
        },
        oneUserConcurrent: { concurrency: ONE_USER_CONCURRENCY, ...oneUser },
        fiftyUsersParallel: { concurrency: USERS, hold: manyUsers, bare: manyBare, p50Ratio: ratio(manyUsers.p50, manyBare.p50) },
      },
      null,
      2,
    ),
  );
} finally {
  await worker.stop();
}
