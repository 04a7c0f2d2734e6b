import { describe, expect, it } from "vitest";
import { DemoProvider } from "../../workers/generation/providers/demo";
import type { ProviderRequest, ProviderResult } from "../../workers/generation/providers/types";

const request = (over: Partial<ProviderRequest> = {}): ProviderRequest => ({
  jobId: "j",
  providerModel: "demo/image-v1",
  kind: "image",
  prompt: "a red kite",
  aspectRatio: "16:9",
  width: 64,
  height: 36,
  count: 2,
  seed: 7,
  inputs: [],
  attemptKey: "j:1",
  ...over,
});

async function bytesOf(result: ProviderResult, i = 0): Promise<Uint8Array> {
  if (result.state !== "succeeded") throw new Error(`not succeeded: ${JSON.stringify(result)}`);
  return new Uint8Array(await new Response(result.outputs[i]!.body).arrayBuffer());
}

describe("demo provider", () => {
  it("draws PNGs of the requested size at once when there is no delay; same request, same bytes", async () => {
    const demo = new DemoProvider({ delayMs: 0 });
    const first = await demo.submit(request());
    expect(first.state).toBe("succeeded");
    if (first.state !== "succeeded") return;
    expect(first.outputs).toHaveLength(2);
    expect(first.outputs[0]).toMatchObject({ contentType: "image/png", width: 64, height: 36 });
    const png = await bytesOf(first);
    expect(new DataView(png.buffer).getUint32(16)).toBe(64);
    expect(png).toEqual(await bytesOf(await demo.submit(request())));
    expect(await bytesOf(first, 1)).not.toEqual(png);
    expect(await bytesOf(await demo.submit(request({ negativePrompt: "birds" })))).not.toEqual(png);
  });

  it("with a delay, answers pending and is ready when the time has come, without holding the consumer", async () => {
    let now = 1_000_000;
    const demo = new DemoProvider({ delayMs: 1500, now: () => now });
    const submitted = await demo.submit(request());
    expect(submitted).toEqual({ state: "pending", providerJobId: "demo-1001500", checkAgainSeconds: 1.5 });
    now += 1000;
    expect(await demo.status("demo-1001500", request())).toEqual({
      state: "pending",
      providerJobId: "demo-1001500",
      checkAgainSeconds: 0.5,
    });
    now += 500;
    expect((await demo.status("demo-1001500", request())).state).toBe("succeeded");
    expect((await demo.status("nonsense", request())).state).toBe("failed");
    expect(await demo.cancel()).toBe(true);
  });

  it("makes an MP4 with a poster, and refuses a shape it cannot film", async () => {
    const demo = new DemoProvider({ delayMs: 0 });
    const video = await demo.submit(request({ kind: "video", durationSeconds: 1, aspectRatio: "1:1", count: 1 }));
    if (video.state !== "succeeded") throw new Error("expected a video");
    expect(video.outputs[0]).toMatchObject({ contentType: "video/mp4", width: 240, height: 240, durationMs: 1000 });
    expect(video.outputs[0]!.poster?.contentType).toBe("image/png");
    const mp4 = await bytesOf(video);
    expect(mp4.byteLength).toBe(video.outputs[0]!.bytes);
    expect(new TextDecoder().decode(mp4.slice(4, 8))).toBe("ftyp");
    expect((await demo.submit(request({ kind: "video", aspectRatio: "3:2", count: 1 }))).state).toBe("failed");
  });
});
