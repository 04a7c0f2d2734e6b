import { describe, expect, it } from "vitest";
import type { JobParams } from "../../shared/generation";
import { validJobParams } from "../../workers/generation/job-params";

describe("job params", () => {
  it("passes what submit builds", () => {
    const params: JobParams = { aspectRatio: "16:9", count: 2, seed: 7, negativePrompt: "blur", inputMediaIds: ["m1"] };
    expect(validJobParams(params)).toEqual(params);
  });

  it("refuses a shape the readers do not expect, before it is stored", () => {
    expect(() => validJobParams({ aspectRatio: "1:1", count: 0, inputMediaIds: [] })).toThrow();
    expect(() => validJobParams({ aspectRatio: "7:3" as JobParams["aspectRatio"], count: 1, inputMediaIds: [] })).toThrow();
    expect(() => validJobParams({ aspectRatio: "1:1", count: 1, inputMediaIds: [], extra: true } as JobParams)).toThrow();
  });
});
