import type { ErrorIssue } from "../../../shared/errors";

/** Hosts that name this machine or a private network, refused as endpoint hosts. */
const LOCAL_HOST = /^(localhost|.*\.localhost|.*\.local|.*\.internal)$/i;
/** An IP literal: an endpoint is named by its DNS name, so no request is aimed at an address by hand. */
const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

/**
 * Why `raw` cannot be a webhook endpoint, or null: https only, no user name or password in it, no
 * fragment, a DNS name (no IP literal, nothing local), the default port. With redirects never followed
 * (delivery.ts), a delivery goes to exactly this address.
 */
export function endpointUrlProblem(raw: string): ErrorIssue | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { path: "url", message: "That is not a web address." };
  }
  if (url.protocol !== "https:") return { path: "url", message: "Use an https:// address." };
  if (url.username || url.password)
    return { path: "url", message: "Leave the user name and password out of the address; verify the signature instead." };
  if (url.hash) return { path: "url", message: "Leave out the #fragment." };
  if (url.port) return { path: "url", message: "Use the standard https port (443)." };
  if (IP_LITERAL.test(url.hostname) || LOCAL_HOST.test(url.hostname) || !url.hostname.includes(".")) {
    return { path: "url", message: "Use a public host name, not an IP address or a local name." };
  }
  return null;
}
