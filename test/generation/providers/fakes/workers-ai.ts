import type { AiRun } from "../../../../workers/generation/providers/workers-ai";
import { fakeImage, toBase64 } from "./images";

const FLUX = "@cf/black-forest-labs/flux-1-schnell";

export interface FakeWorkersAiState {
  calls: Array<{ model: string; inputs: Record<string, unknown> }>;
  /** Next calls throw these (or answer these values) instead, one each. */
  next: Array<{ throws: unknown } | { returns: unknown }>;
}

/**
 * A stand-in for `env.AI.run` on flux-1-schnell: it checks the published input schema (prompt
 * 1–2048 chars, integer steps ≤ 8, no other keys) and answers `{ image: <base64 JPEG> }`.
 * The binding's real error texts are undocumented; the ones thrown here are guesses in its style.
 */
export function fakeWorkersAi() {
  const state: FakeWorkersAiState = { calls: [], next: [] };
  const run: AiRun = async (model, inputs) => {
    state.calls.push({ model, inputs });
    const scripted = state.next.shift();
    if (scripted && "throws" in scripted) throw scripted.throws;
    if (scripted) return scripted.returns;
    if (model !== FLUX) throw new Error(`AiError: 5007: No such model ${model} or task`);
    const extra = Object.keys(inputs).filter((key) => key !== "prompt" && key !== "steps");
    if (extra.length > 0) throw new Error(`AiError: 5006: Error: must NOT have additional properties '${extra[0]}'`);
    const { prompt, steps } = inputs;
    if (typeof prompt !== "string" || prompt.length < 1 || prompt.length > 2048) {
      throw new Error("AiError: 5006: Error: /prompt must NOT have more than 2048 characters");
    }
    if (steps !== undefined && (!Number.isInteger(steps) || Number(steps) > 8)) {
      throw new Error("AiError: 5006: Error: /steps must be <= 8");
    }
    return { image: toBase64(fakeImage("jpeg", 1024, 1024)) };
  };
  return { state, run };
}
