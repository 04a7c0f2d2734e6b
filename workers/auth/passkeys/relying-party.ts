import { publicUrlFor } from "../../lib/public-url";

/** Who passkeys are made for: the name browsers show, the RP ID they are bound to, and the origin a response must come from. */
export interface RelyingParty {
  name: string;
  rpID: string;
  origin: string;
}

/**
 * The relying party of a request: `PUBLIC_URL`'s host and origin, the address links in emails use,
 * so a passkey is bound to the one public name of the app (a request that reached the Worker by
 * another host name cannot make or use one). Local development takes the origin the app was
 * reached on (lib/public-url.ts), as links do; browsers accept `localhost` as an RP ID but no IP address.
 */
export function relyingPartyFor(env: Pick<Env, "ENVIRONMENT" | "PUBLIC_URL">, requestUrl: string): RelyingParty {
  const url = new URL(publicUrlFor(env, requestUrl));
  return { name: "Ausar", rpID: url.hostname, origin: url.origin };
}
