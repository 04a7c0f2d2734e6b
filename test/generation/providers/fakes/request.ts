import type { ProviderInput, ProviderRequest } from "../../../../workers/generation/providers/types";

/** A plausible request for one attempt, overridable field by field. */
export function providerRequest(overrides: Partial<ProviderRequest> = {}): ProviderRequest {
  return {
    jobId: crypto.randomUUID(),
    providerModel: "fal-ai/flux/schnell",
    kind: "image",
    prompt: "a lighthouse at dusk, oil painting",
    aspectRatio: "1:1",
    width: 1024,
    height: 1024,
    count: 1,
    inputs: [],
    callbackUrl: "https://ausar.test/webhooks/providers/test?token=t0k3n",
    attemptKey: crypto.randomUUID(),
    ...overrides,
  };
}

/** A reference image that opens to these bytes and, optionally, has a URL. */
export function providerInput(bytes: Uint8Array, contentType: string, url?: string): ProviderInput & { opened: number } {
  const input = {
    contentType,
    opened: 0,
    async open() {
      input.opened += 1;
      return new Response(bytes).body as ReadableStream<Uint8Array>;
    },
    ...(url ? { url } : {}),
  };
  return input;
}

/** Reads a stream to its end. */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
