import type { ProviderFailure, ProviderResult } from "../types";

/**
 * The failures every adapter can report, with the sentence the user reads. `retryable` is the
 * default; a provider's explicit hint (fal's `X-Fal-Retryable`, OpenAI's `x-should-retry`) may
 * override it. Operator problems (bad key, exhausted quota, unknown model) are not retryable:
 * retrying cannot fix them and the user should not wait on them.
 */
const FAILURES = {
  refused: { retryable: false, message: "The provider refused this prompt." },
  invalid_input: { retryable: false, message: "The provider rejected these settings." },
  provider_unavailable: { retryable: false, message: "The provider is unavailable right now." },
  rate_limited: { retryable: true, message: "The provider is busy right now." },
  provider_error: { retryable: true, message: "The provider had a problem generating this." },
  generation_failed: { retryable: false, message: "The provider could not generate this." },
  bad_response: { retryable: false, message: "The provider sent a result that could not be read." },
  output_unavailable: { retryable: false, message: "The provider's result could not be downloaded." },
  canceled: { retryable: false, message: "The generation was canceled at the provider." },
  not_asynchronous: { retryable: false, message: "This provider has no jobs to look up." },
} as const satisfies Record<string, { retryable: boolean; message: string }>;

export type FailureCode = keyof typeof FAILURES;

/** A failure of a known kind, optionally overriding whether it is retryable or adding detail. */
export function failure(
  code: FailureCode,
  options: { retryable?: boolean; retryAfterSeconds?: number; detail?: string } = {},
): ProviderFailure {
  const base = FAILURES[code];
  const detail = options.detail ? cleanDetail(options.detail) : "";
  return {
    code,
    retryable: options.retryable ?? base.retryable,
    message: detail ? `${base.message.slice(0, -1)}: ${detail}` : base.message,
    ...(options.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: options.retryAfterSeconds }),
  };
}

/** The same failure wrapped as a result. */
export function failed(code: FailureCode, options?: Parameters<typeof failure>[1]): ProviderResult {
  return { state: "failed", error: failure(code, options) };
}

// Provider detail is shown to users: one line, bounded, nothing that looks like markup.
function cleanDetail(detail: string): string {
  const line = detail
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is stripped here
    .replace(/[\u0000-\u001f<>]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** A pure option mapper's answer: the provider's input body, or why the request cannot be sent. */
export type MappedInput = { ok: true; input: Record<string, unknown> } | { ok: false; failure: ProviderFailure };

/** A mapper's answer for a model it does not drive (an operator problem, not the user's). */
export function unknownModel(): MappedInput {
  return { ok: false, failure: failure("provider_unavailable") };
}

/** A mapper's answer for settings the model cannot take, saying which. */
export function refuse(detail: string): MappedInput {
  return { ok: false, failure: failure("invalid_input", { detail }) };
}
