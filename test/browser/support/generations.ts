import type { APIRequestContext } from "playwright-core";
import { type JobStatus, type JobView, TERMINAL_STATUSES } from "../../../shared/generation";
import type { GenerationRequest } from "../../../shared/generation-requests";

/** Create's Generate button by its accessible name, which is its visible text ("Generate · 1 credit"). */
export const GENERATE_BUTTON = /^Generate · /;

/** Starts a generation through the API (as the signed-in user of `request`) and returns the job. */
export async function startGeneration(request: APIRequestContext, origin: string, body: GenerationRequest): Promise<JobView> {
  const response = await request.post(`${origin}/api/generations`, { headers: { Origin: origin }, data: body });
  if (response.status() !== 202) throw new Error(`generation refused: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { job: JobView }).job;
}

/** The signed-in user's jobs, newest first, as `GET /api/generations` lists them. */
export async function listJobs(request: APIRequestContext, origin: string): Promise<JobView[]> {
  const response = await request.get(`${origin}/api/generations`);
  if (response.status() !== 200) throw new Error(`listing jobs failed: ${response.status()}`);
  return ((await response.json()) as { items: JobView[] }).items;
}

/** Waits until job `id` reaches `status` (failing early if it ends otherwise) and returns it. */
export async function waitForJob(
  request: APIRequestContext,
  origin: string,
  id: string,
  status: JobStatus = "succeeded",
  timeoutMs = 30_000,
): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { job } = (await (await request.get(`${origin}/api/generations/${id}`)).json()) as { job: JobView };
    if (job.status === status) return job;
    if (TERMINAL_STATUSES.includes(job.status)) throw new Error(`job ${id} ended ${job.status}: ${job.error?.message ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`job ${id} did not reach ${status} within ${timeoutMs} ms`);
}
