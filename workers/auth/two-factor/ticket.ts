import { jwtVerify, SignJWT } from "jose";

/** What the password step hands the code step: proof the password was right, for five minutes. */
const TICKET_TTL_SECONDS = 5 * 60;
const AUDIENCE = "ausar:second-factor";
const ISSUER = "ausar";

const keyFor = (secret: string) => new TextEncoder().encode(secret);

/** A signed ticket naming the person whose password was just checked (no session yet). */
export function signLoginTicket(secret: string, userId: string, nowMs: number): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + TICKET_TTL_SECONDS)
    .sign(keyFor(secret));
}

/** The person a live ticket names; null for an expired, forged or other kind of token. */
export async function verifyLoginTicket(secret: string, ticket: string, nowMs: number): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(ticket, keyFor(secret), {
      algorithms: ["HS256"],
      audience: AUDIENCE,
      issuer: ISSUER,
      currentDate: new Date(nowMs),
      requiredClaims: ["sub", "exp"],
    });
    return typeof payload.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}
