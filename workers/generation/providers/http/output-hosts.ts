/**
 * Host patterns an adapter downloads outputs from: `"example.com"` is that host only, `"*.example.com"`
 * any host under it (not the bare domain). Output URLs come from the provider's answer; pinning them
 * keeps a compromised or confused answer (or a redirect) from making us fetch from anywhere else.
 */
export type HostPatterns = readonly string[];

/** Whether `url` is https on the default port, without credentials, on a host the patterns allow. */
export function isAllowedOutputUrl(url: string | URL, patterns: HostPatterns): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "https:" || parsed.port !== "" || parsed.username !== "" || parsed.password !== "") return false;
  const host = parsed.hostname.toLowerCase();
  return patterns.some((pattern) => hostMatches(host, pattern.toLowerCase()));
}

function hostMatches(host: string, pattern: string): boolean {
  if (pattern.startsWith("*.")) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return host === pattern;
}
