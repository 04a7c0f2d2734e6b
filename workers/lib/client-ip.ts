/**
 * The rate-limit bucket of the client's address as Cloudflare reports it (`CF-Connecting-IP`).
 * Every per-IP limit keys on this, and it is never stored with personal data. Local runs without
 * the header share one bucket.
 */
export function clientIp(headers: Headers): string {
  const ip = headers.get("CF-Connecting-IP");
  return ip ? ipBucket(ip) : "local";
}

/**
 * An IPv4 address as it is; an IPv6 address as its /64 prefix (`2001:db8:0:1::/64`). One
 * subscriber is usually given a whole /64 (RFC 6177 recommends at least that much per site), so
 * keying on the full address would hand them 2^64 fresh buckets. IPv4-mapped IPv6 is read as IPv4.
 */
export function ipBucket(ip: string): string {
  const address = ip.trim().toLowerCase().split("%")[0]!;
  if (!address.includes(":")) return address;
  const hextets = expandIpv6(address);
  if (!hextets) return address;
  const mapped = hextets.slice(0, 5).every((h) => h === 0) && hextets[5] === 0xffff;
  if (mapped) return [hextets[6]! >> 8, hextets[6]! & 0xff, hextets[7]! >> 8, hextets[7]! & 0xff].join(".");
  return `${hextets
    .slice(0, 4)
    .map((h) => h.toString(16))
    .join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (with `::` and a dotted IPv4 tail expanded), or null if it is not one. */
function expandIpv6(address: string): number[] | null {
  let text = address;
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (dotted) {
    const bytes = dotted.slice(1).map(Number);
    if (bytes.some((b) => b > 255)) return null;
    text = `${text.slice(0, dotted.index)}${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === "" ? [] : part.split(":"));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => Number.parseInt(g, 16));
}
