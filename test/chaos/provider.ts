import type { Provider, ProviderRequest, ProviderResult } from "../../workers/generation/providers/types";
import { images, pending, permanent, transient } from "../generation/support";

/** mulberry32: a small seeded PRNG, so a run is replayed exactly from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const garbage = (): ProviderResult => ({
  state: "succeeded",
  outputs: [{ contentType: "image/png", body: new Response("garbage").body! }],
});

/**
 * A provider that fails at random through the real interface: success, pending, transient or
 * permanent failure, undecodable output, or a thrown network error. Honest once the run settles.
 */
export class ChaosProvider implements Provider {
  readonly id = "demo";
  honest = false;
  /** Provider submissions per attempt key: each must be 1 (no attempt paid for twice). */
  readonly submitted = new Map<string, number>();

  constructor(private readonly random: () => number) {}

  async submit(request: ProviderRequest): Promise<ProviderResult> {
    this.submitted.set(request.attemptKey, (this.submitted.get(request.attemptKey) ?? 0) + 1);
    if (this.honest) return images(request.count);
    const r = this.random();
    if (r < 0.35) return images(request.count);
    if (r < 0.55) return pending(`pj-${request.attemptKey}`, Math.floor(this.random() * 5));
    if (r < 0.7) return transient();
    if (r < 0.8) return permanent();
    if (r < 0.88) return garbage();
    throw new Error("connection reset");
  }

  async status(id: string, request: ProviderRequest): Promise<ProviderResult> {
    if (this.honest) return images(request.count);
    const r = this.random();
    if (r < 0.35) return pending(id, 0);
    if (r < 0.75) return images(request.count);
    if (r < 0.85) return transient();
    if (r < 0.9) return permanent();
    return garbage();
  }

  async cancel(): Promise<boolean> {
    return this.random() < 0.5;
  }

  async parseWebhook() {
    return null;
  }
}
