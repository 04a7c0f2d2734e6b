import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { QUEUES } from "../../workers/queues";
import wranglerToml from "../../wrangler.toml?raw";

interface QueuesSection {
  producers?: { binding: string; queue: string }[];
  consumers?: { queue: string; dead_letter_queue?: string }[];
}
interface WranglerConfig {
  queues?: QueuesSection;
  env?: Record<string, { queues?: QueuesSection }>;
}

const config = parse(wranglerToml) as WranglerConfig;
const expected = Object.values(QUEUES);
const names = expected.map((q) => q.name).sort();
const producers = expected.flatMap((q) => ("binding" in q ? [{ binding: q.binding, queue: q.name }] : []));
const deadLetters = expected.flatMap((q) => ("deadLetter" in q ? [{ queue: q.name, dead_letter_queue: q.deadLetter }] : []));

describe.each([
  ["the top level", config.queues],
  ["[env.production]", config.env?.production?.queues],
])("queue names in %s of wrangler.toml", (_, queues) => {
  it("consume exactly the queues of workers/queues.ts", () => {
    expect(queues?.consumers?.map((c) => c.queue).sort()).toEqual(names);
  });

  it("bind each producer to its queue", () => {
    const bound = queues?.producers?.map(({ binding, queue }) => ({ binding, queue }));
    expect(bound?.sort((a, b) => a.binding.localeCompare(b.binding))).toEqual(producers.sort((a, b) => a.binding.localeCompare(b.binding)));
  });

  it("give up to the dead-letter queues named there, and to no queue without a consumer", () => {
    const given = queues?.consumers?.flatMap((c) =>
      c.dead_letter_queue ? [{ queue: c.queue, dead_letter_queue: c.dead_letter_queue }] : [],
    );
    expect(given).toEqual(deadLetters);
  });
});
