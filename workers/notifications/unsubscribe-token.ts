import { jwtVerify, SignJWT } from "jose";

// Its own audience: an unsubscribe token can never pass as an access token or a sign-in ticket.
const AUDIENCE = "ausar:unsubscribe";
const ISSUER = "ausar";

const keyFor = (secret: string) => new TextEncoder().encode(secret);

/**
 * The token in a product email's unsubscribe link: names the person and nothing else, and does
 * not expire (an old email's link must still work). Rotating `JWT_SECRET` ends old links; the
 * switch on the privacy page always works.
 */
export function signUnsubscribeToken(secret: string, userId: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .sign(keyFor(secret));
}

/** The person an unsubscribe token names; null for anything invalid. */
export async function verifyUnsubscribeToken(secret: string, token: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, keyFor(secret), {
      algorithms: ["HS256"],
      audience: AUDIENCE,
      issuer: ISSUER,
      requiredClaims: ["sub"],
    });
    return typeof payload.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}
