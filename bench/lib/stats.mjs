// Latency statistics and a closed-loop load generator shared by the benchmarks.

/** The q-quantile (0..1) of a list of numbers, by nearest rank. */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** p50/p99/mean of latencies in ms, rounded to 0.01 ms. */
export function summarise(latencies) {
  const round = (n) => Math.round(n * 100) / 100;
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
  return { n: latencies.length, p50: round(quantile(latencies, 0.5)), p99: round(quantile(latencies, 0.99)), mean: round(mean) };
}

/**
 * Runs `task(workerIndex, iteration)` from `concurrency` parallel loops until `total` calls have
 * completed; returns per-call latencies and throughput. A task may return false to mark a failure.
 */
export async function closedLoop({ concurrency, total, task }) {
  const latencies = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const ok = await task(worker, i);
        latencies.push(performance.now() - t0);
        if (ok === false) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { ...summarise(latencies), failures, perSecond: Math.round((total / seconds) * 10) / 10 };
}
