import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { EncryptJWT, jwtDecrypt } from "jose";
import { z } from "zod";
import { cookieFor } from "../cookies";

/** Long enough to sign in at Whop (or type a password here afterwards), short enough that a forgotten tab goes stale. */
const ROUND_TRIP_TTL_SECONDS = 10 * 60;
const AUDIENCE = "ausar:whop-sign-in";

const flowSchema = z.object({
  phase: z.literal("flow"),
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  /** `connect`: a signed-in person linking Whop from Account → Security (`userId` is theirs). */
  intent: z.enum(["sign_in", "connect"]),
  userId: z.string().nullable(),
});

const pendingSchema = z.object({
  phase: z.literal("pending"),
  /** `sign_up`: a new person confirms 18+ and the policies; `link`: an account has this email, its password proves it; `second_factor`: a known person with two-factor on. */
  step: z.enum(["sign_up", "link", "second_factor"]),
  subject: z.string(),
  email: z.string().nullable(),
  emailVerified: z.boolean(),
  name: z.string().nullable(),
  userId: z.string().nullable(),
});

const contentSchema = z.discriminatedUnion("phase", [flowSchema, pendingSchema]);
export type RoundTrip = z.infer<typeof contentSchema>;
export type PendingWhopSignIn = z.infer<typeof pendingSchema>;

/** An AES-256-GCM key of its own, derived from JWT_SECRET, so the cookie's contents (the PKCE verifier, the email) stay unreadable. */
async function key(secret: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`ausar:whop-cookie:${secret}`)));
}

/**
 * Keeps the round trip's state in this browser only: an encrypted, HttpOnly cookie living 10 minutes.
 * SameSite=Lax still sends it on Whop's redirect back (a top-level GET), and nothing server-side is kept.
 */
export async function setRoundTrip(c: Context, secret: string, content: RoundTrip): Promise<void> {
  const token = await new EncryptJWT({ ...content })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ROUND_TRIP_TTL_SECONDS}s`)
    .encrypt(await key(secret));
  const { name, options } = cookieFor(c, "ausar_whop");
  setCookie(c, name, token, { ...options, maxAge: ROUND_TRIP_TTL_SECONDS });
}

/** The round trip this browser is in, or null (none, expired, tampered with). */
export async function readRoundTrip(c: Context, secret: string): Promise<RoundTrip | null> {
  const token = getCookie(c, cookieFor(c, "ausar_whop").name);
  if (!token) return null;
  try {
    const { payload } = await jwtDecrypt(token, await key(secret), { audience: AUDIENCE });
    const parsed = contentSchema.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function clearRoundTrip(c: Context): void {
  const { name, options } = cookieFor(c, "ausar_whop");
  deleteCookie(c, name, options);
}
