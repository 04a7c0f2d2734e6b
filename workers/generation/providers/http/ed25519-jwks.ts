import { z } from "zod";
import { call, type Fetcher } from "./call";

/** fal publishes its webhook keys for at most a day of caching ("cache ≤ 24 h" in its docs). */
const JWKS_MAX_AGE_MS = 24 * 60 * 60 * 1000;
// A signature no cached key matches may mean a rotated key, but forged requests must not make us
// hammer the key server: refetch at most once a minute.
const MIN_REFETCH_MS = 60_000;
const FETCH_TIMEOUT_MS = 10_000;

const jwksSchema = z.object({
  keys: z.array(z.object({ kty: z.string(), crv: z.string().optional(), x: z.string().optional() }).loose()),
});

/**
 * A cached set of Ed25519 public keys from a JWKS URL. A signature is valid when any key verifies
 * it (the publisher names no key id). Share one instance across requests to keep the cache warm.
 */
export class Ed25519Jwks {
  private keys: CryptoKey[] = [];
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly fetcher: Fetcher,
    private readonly now: () => number,
  ) {}

  /** True when one of the published keys signed `message`. */
  async verify(signature: Uint8Array, message: Uint8Array): Promise<boolean> {
    if (this.now() - this.fetchedAt >= JWKS_MAX_AGE_MS) await this.refresh();
    if (await this.anyKeyVerifies(signature, message)) return true;
    if (this.now() - this.attemptedAt < MIN_REFETCH_MS) return false;
    await this.refresh();
    return this.anyKeyVerifies(signature, message);
  }

  private async anyKeyVerifies(signature: Uint8Array, message: Uint8Array): Promise<boolean> {
    for (const key of this.keys) {
      if (await crypto.subtle.verify({ name: "Ed25519" }, key, signature, message)) return true;
    }
    return false;
  }

  private refresh(): Promise<void> {
    this.pending ??= this.load().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async load(): Promise<void> {
    this.attemptedAt = this.now();
    const keys = await this.fetchKeys().catch(() => null);
    if (keys) {
      this.keys = keys;
      this.fetchedAt = this.attemptedAt;
    } else if (this.now() - this.fetchedAt >= JWKS_MAX_AGE_MS) {
      this.keys = []; // never trust keys older than the publisher allows
    }
  }

  private async fetchKeys(): Promise<CryptoKey[] | null> {
    const outcome = await call(this.fetcher, new Request(this.url), { timeoutMs: FETCH_TIMEOUT_MS, maxBytes: 64 * 1024 });
    if (!outcome.ok || outcome.reply.status !== 200) return null;
    const parsed = jwksSchema.safeParse(outcome.reply.json);
    if (!parsed.success) return null;
    const keys: CryptoKey[] = [];
    for (const jwk of parsed.data.keys) {
      if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || !jwk.x) continue;
      const key = await crypto.subtle
        .importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, { name: "Ed25519" }, false, ["verify"])
        .catch(() => null);
      if (key) keys.push(key);
    }
    return keys;
  }
}
