import { failed } from "./http/failures";
import type { Provider, ProviderRequest, ProviderResult, ProviderWebhook } from "./types";

/**
 * A provider whose API answers within the submitting call: there is no job to poll or cancel and
 * no callback to verify, so only `submit` is its own.
 */
export abstract class SynchronousProvider implements Provider {
  abstract readonly id: string;
  abstract submit(request: ProviderRequest): Promise<ProviderResult>;

  /** There is no job to poll: the answer came with the call. */
  async status(): Promise<ProviderResult> {
    return failed("not_asynchronous");
  }

  /** Nothing to cancel: the call either finished or failed when it returned. */
  async cancel(): Promise<boolean> {
    return false;
  }

  /** A synchronous API sends no webhooks. */
  async parseWebhook(): Promise<ProviderWebhook | null> {
    return null;
  }
}
