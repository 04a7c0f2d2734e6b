import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

/** zxcvbn score 0–4; 3 means "safely unguessable: moderate protection from offline attacks". */
const MIN_SCORE = 3;

/**
 * Matching cost grows steeply with length (a random 200-character password took 1.3 s); whatever
 * follows the first 64 characters only adds strength, so the estimator looks at those alone.
 */
const ESTIMATED_LENGTH = 64;

let estimator: Promise<ZxcvbnFactory> | undefined;

/** Builds the estimator once, on first use, so other routes never pay for the dictionaries. */
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory: Factory }, common, en] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
    ]);
    return new Factory({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
    });
  })();
  return estimator;
}

/** The person's own words in every form a password might reuse them: whole, in parts, joined. */
function personalWords(inputs: string[]): string[] {
  const words = new Set<string>();
  for (const input of inputs) {
    const lower = input.toLowerCase();
    const parts = lower.split(/[^\p{L}\p{N}]+/u).filter((p) => p.length > 2);
    words.add(lower);
    words.add(parts.join(""));
    for (const part of parts) words.add(part);
  }
  return [...words].filter(Boolean);
}

export type StrengthVerdict = { ok: true } | { ok: false; message: string };

/**
 * Judges a password with zxcvbn's common-password and English dictionaries, also penalising
 * the person's own email and name. The message is the estimator's own advice, for the form.
 */
export async function judgePassword(password: string, userInputs: string[]): Promise<StrengthVerdict> {
  const result = (await loadEstimator()).check(password.slice(0, ESTIMATED_LENGTH), personalWords(userInputs));
  if (result.score >= MIN_SCORE) return { ok: true };
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => Boolean(s));
  return { ok: false, message: advice.join(" ") || "This password is too easy to guess. Add more unrelated words." };
}
