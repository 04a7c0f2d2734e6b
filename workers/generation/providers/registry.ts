import type { ProviderId } from "../../../shared/models";
import { DemoProvider } from "./demo";
import { FAL_JWKS_URL, FalProvider } from "./fal";
import { globalFetcher } from "./http/call";
import { Ed25519Jwks } from "./http/ed25519-jwks";
import { OpenAiImagesProvider } from "./openai-images";
import { ReplicateProvider } from "./replicate";
import type { Provider } from "./types";
import { bindingRun, WorkersAiProvider } from "./workers-ai";

/** An enabled provider and whether it can call us back (else the consumer polls it). */
export interface EnabledProvider {
  provider: Provider;
  webhooks: boolean;
}

/** The providers this deployment may use, by catalog provider id. */
export type ProviderRegistry = ReadonlyMap<string, EnabledProvider>;

/**
 * Bindings that may be absent. Workers AI has no local simulator, so `[ai]` is not in
 * wrangler.toml (it would make `wrangler dev` and the tests need a Cloudflare account); a
 * production deployment adds it and the provider turns on. See docs/generation.md.
 */
export interface OptionalBindings {
  AI?: Ai;
}

/** The demo provider's artificial delay: `DEMO_DELAY_MS`, 1.5 s when unset. */
export function demoDelayMs(env: { DEMO_DELAY_MS?: string }): number {
  const value = Number(env.DEMO_DELAY_MS ?? 1500);
  return Number.isFinite(value) && value >= 0 ? Math.min(value, 60_000) : 1500;
}

// fal's webhook keys are fetched once per isolate and cached (see Ed25519Jwks), not per request.
const falJwks = new Ed25519Jwks(FAL_JWKS_URL, globalFetcher, Date.now);

// Adapters hold only configuration, so one registry per `env` object (per isolate in production)
// serves every request and queue batch instead of being rebuilt for each.
const registries = new WeakMap<Env & OptionalBindings, ProviderRegistry>();

/**
 * The registry for this configuration: a provider is on only when its key or binding is
 * present; the offline demo is on in development. Models of absent providers are not offered.
 */
export function providersFromEnv(env: Env & OptionalBindings): ProviderRegistry {
  let registry = registries.get(env);
  if (!registry) {
    registry = buildRegistry(env);
    registries.set(env, registry);
  }
  return registry;
}

function buildRegistry(env: Env & OptionalBindings): ProviderRegistry {
  const enabled = new Map<ProviderId, EnabledProvider>();
  if (env.ENVIRONMENT === "development") {
    enabled.set("demo", { provider: new DemoProvider({ delayMs: demoDelayMs(env) }), webhooks: false });
  }
  if (env.FAL_KEY) enabled.set("fal", { provider: new FalProvider({ key: env.FAL_KEY, jwks: falJwks }), webhooks: true });
  if (env.REPLICATE_API_TOKEN) {
    const webhookSecret = env.REPLICATE_WEBHOOK_SECRET || undefined;
    enabled.set("replicate", {
      provider: new ReplicateProvider({ token: env.REPLICATE_API_TOKEN, webhookSecret }),
      webhooks: webhookSecret !== undefined,
    });
  }
  if (env.OPENAI_API_KEY) {
    enabled.set("openai-images", { provider: new OpenAiImagesProvider({ apiKey: env.OPENAI_API_KEY }), webhooks: false });
  }
  if (env.AI) enabled.set("workers-ai", { provider: new WorkersAiProvider({ run: bindingRun(env.AI) }), webhooks: false });
  return enabled;
}
