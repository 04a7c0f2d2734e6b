import { exports } from "cloudflare:workers";
import OpenAI from "openai";

/** The official client, talking to this Worker: its fetch goes to the Worker's own handler. */
export function sdkClient(apiKey: string): OpenAI {
  return new OpenAI({
    apiKey,
    baseURL: "http://localhost/v1",
    maxRetries: 0,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init)),
  });
}
