// A bench-only Worker around the real adapters with in-process fakes: it signs and parses webhooks and
// decodes OpenAI-sized base64 answers, N times per request, so the CPU cost per operation can be read
// from outside (workerd freezes its clocks during CPU work).
import { FalProvider } from "../../workers/generation/providers/fal";
import { Ed25519Jwks } from "../../workers/generation/providers/http/ed25519-jwks";
import { OpenAiImagesProvider } from "../../workers/generation/providers/openai-images";
import { ReplicateProvider } from "../../workers/generation/providers/replicate";
import { toHex } from "../../workers/lib/crypto";
import { signWebhook, webhookKeyBytes } from "../../workers/lib/standard-webhooks";

const encoder = new TextEncoder();
const keys = crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
const jwksFetch = async () => Response.json({ keys: [await crypto.subtle.exportKey("jwk", (await keys).publicKey)] });
const jwks = new Ed25519Jwks("https://jwks.bench/keys", jwksFetch, Date.now);
const fal = new FalProvider({ key: "k", fetch: jwksFetch, jwks });
const SECRET = `whsec_${btoa("0123456789abcdef0123456789abcdef")}`;
const replicate = new ReplicateProvider({ token: "t", webhookSecret: SECRET, fetch: jwksFetch });

async function falDelivery(i: number) {
  const body = JSON.stringify({ request_id: `r${i}`, status: "ERROR", error: "Invalid status code: 422", payload: { detail: [] } });
  const ts = String(Math.floor(Date.now() / 1000));
  const digest = toHex(await crypto.subtle.digest("SHA-256", encoder.encode(body)));
  const message = encoder.encode(`r${i}\nu\n${ts}\n${digest}`);
  const signature = toHex(await crypto.subtle.sign({ name: "Ed25519" }, (await keys).privateKey, message));
  const headers = new Headers({
    "x-fal-webhook-request-id": `r${i}`,
    "x-fal-webhook-user-id": "u",
    "x-fal-webhook-timestamp": ts,
    "x-fal-webhook-signature": signature,
  });
  return { body, headers };
}

async function replicateDelivery(i: number) {
  const body = JSON.stringify({ id: `p${i}`, status: "failed", error: "boom", output: null });
  const ts = Math.floor(Date.now() / 1000);
  const signature = await signWebhook(webhookKeyBytes(SECRET), `msg_${i}`, ts, body);
  return { body, headers: new Headers({ "webhook-id": `msg_${i}`, "webhook-timestamp": String(ts), "webhook-signature": signature }) };
}

// A PNG signature and IHDR followed by filler: 3 MiB, about one 1536×1024 PNG.
function fakePng(bytes: number): string {
  const png = new Uint8Array(bytes);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 6, 0, 0, 0, 4, 0]);
  for (let i = 24; i < bytes; i++) png[i] = (i * 31) & 0xff;
  let binary = "";
  for (let i = 0; i < png.length; i += 0x8000) binary += String.fromCharCode(...png.subarray(i, i + 0x8000));
  return btoa(binary);
}
let answer: string | null = null;

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get("n") ?? 1);
    if (url.pathname === "/sign-fal" || url.pathname === "/fal") {
      // Signing is timed alone so it can be subtracted from sign + verify.
      const deliveries = await Promise.all(Array.from({ length: n }, (_, i) => falDelivery(i)));
      if (url.pathname === "/fal")
        for (const d of deliveries) if (!(await fal.parseWebhook(d.body, d.headers))) throw new Error("rejected");
      return new Response("ok");
    }
    if (url.pathname === "/sign-replicate" || url.pathname === "/replicate") {
      const deliveries = await Promise.all(Array.from({ length: n }, (_, i) => replicateDelivery(i)));
      if (url.pathname === "/replicate")
        for (const d of deliveries) if (!(await replicate.parseWebhook(d.body, d.headers))) throw new Error("rejected");
      return new Response("ok");
    }
    if (url.pathname === "/openai") {
      answer ??= JSON.stringify({ created: 1, data: Array.from({ length: 4 }, () => ({ b64_json: fakePng(3 * 1024 * 1024) })) });
      const body = answer;
      const openai = new OpenAiImagesProvider({
        apiKey: "k",
        fetch: async () => new Response(body, { headers: { "content-type": "application/json" } }),
      });
      let total = 0;
      for (let i = 0; i < n; i++) {
        const result = await openai.submit({
          jobId: "j",
          providerModel: "gpt-image-1",
          kind: "image",
          prompt: "p",
          aspectRatio: "16:9",
          width: 1536,
          height: 1024,
          count: 4,
          inputs: [],
          attemptKey: "a",
        });
        if (result.state !== "succeeded") throw new Error(JSON.stringify(result));
        for (const output of result.outputs) total += (await new Response(output.body).arrayBuffer()).byteLength;
      }
      return new Response(String(total));
    }
    if (url.pathname === "/openai-warm") {
      answer ??= JSON.stringify({ created: 1, data: Array.from({ length: 4 }, () => ({ b64_json: fakePng(3 * 1024 * 1024) })) });
      return new Response(String(answer.length));
    }
    return new Response("ok");
  },
};
