import { toHex } from "../../lib/crypto";
import { DEMO_VIDEO_SIZES, type DemoAspectRatio, renderDemoImage, renderDemoPoster, renderDemoVideo } from "../demo-media";
import { failed } from "./http/failures";
import type { Provider, ProviderInput, ProviderOutput, ProviderRequest, ProviderResult, ProviderWebhook } from "./types";

export interface DemoDependencies {
  /** An artificial wait before the result is ready, so progress is visible in the UI (`DEMO_DELAY_MS`). */
  delayMs: number;
  now?: () => number;
}

function isDemoRatio(ratio: string): ratio is DemoAspectRatio {
  return Object.hasOwn(DEMO_VIDEO_SIZES, ratio);
}

const JOB_ID = /^demo-(\d{1,15})$/;

/**
 * The offline provider: inside the Worker, no keys. Images are PNGs and videos H.264 MP4s drawn
 * from the prompt and seed (see demo-media/), so the same request gives the same bytes; the
 * negative prompt and reference images change the picture the way a seed does.
 *
 * With no delay it answers at once. With a delay it behaves like a queue-based provider: submit
 * answers `pending` with a job id that carries when it will be ready, and `status` draws the
 * result once that time has come. Sleeping inside `submit` instead would hold the whole queue
 * batch (and locally every later batch: Miniflare delivers one batch at a time).
 */
export class DemoProvider implements Provider {
  readonly id = "demo";
  private readonly now: () => number;

  constructor(private readonly deps: DemoDependencies) {
    this.now = deps.now ?? Date.now;
  }

  async submit(request: ProviderRequest): Promise<ProviderResult> {
    if (this.deps.delayMs <= 0) return this.render(request);
    const readyAt = this.now() + this.deps.delayMs;
    return { state: "pending", providerJobId: `demo-${readyAt}`, checkAgainSeconds: this.deps.delayMs / 1000 };
  }

  async status(providerJobId: string, request: ProviderRequest): Promise<ProviderResult> {
    const match = JOB_ID.exec(providerJobId);
    if (!match) return failed("bad_response");
    const waitMs = Number(match[1]) - this.now();
    if (waitMs > 0) return { state: "pending", providerJobId, checkAgainSeconds: waitMs / 1000 };
    return this.render(request);
  }

  /** Nothing runs until the result is drawn, so a waiting demo job can always be dropped. */
  async cancel(): Promise<boolean> {
    return true;
  }

  async parseWebhook(): Promise<ProviderWebhook | null> {
    return null;
  }

  private async render(request: ProviderRequest): Promise<ProviderResult> {
    const prompt = await sceneText(request);
    const seed = request.seed ?? 0;
    if (request.kind === "video") return this.video(request, prompt, seed);
    const outputs: ProviderOutput[] = [];
    for (let i = 0; i < request.count; i++) {
      const png = await renderDemoImage({ prompt, seed: (seed + i) % 2 ** 32, width: request.width, height: request.height });
      outputs.push({ contentType: "image/png", body: streamOf(png), bytes: png.byteLength, width: request.width, height: request.height });
    }
    return { state: "succeeded", outputs };
  }

  private async video(request: ProviderRequest, prompt: string, seed: number): Promise<ProviderResult> {
    if (!isDemoRatio(request.aspectRatio)) return failed("invalid_input", { detail: `no ${request.aspectRatio} video` });
    const options = { prompt, seed, aspectRatio: request.aspectRatio, durationSeconds: request.durationSeconds ?? 4 };
    const poster = await renderDemoPoster(options);
    const video = renderDemoVideo(options);
    const output: ProviderOutput = {
      contentType: video.contentType,
      body: video.body,
      bytes: video.bytes,
      width: video.width,
      height: video.height,
      durationMs: video.durationMs,
      poster: { contentType: "image/png", bytes: poster },
    };
    return { state: "succeeded", outputs: [output] };
  }
}

/** The text the scene is drawn from: the prompt, the negative prompt, and a digest of each reference. */
async function sceneText(request: ProviderRequest): Promise<string> {
  const parts = [request.prompt];
  if (request.negativePrompt) parts.push(`not ${request.negativePrompt}`);
  for (const input of request.inputs) parts.push(await digest(input));
  return parts.join("\n");
}

async function digest(input: ProviderInput): Promise<string> {
  const bytes = await new Response(await input.open()).arrayBuffer();
  return toHex(await crypto.subtle.digest("SHA-256", bytes));
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}
