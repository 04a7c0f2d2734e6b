import { describe, expect, it } from "vitest";
import { clientIp, ipBucket } from "../../workers/lib/client-ip";

describe("per-IP rate-limit buckets", () => {
  it("keeps an IPv4 address as it is", () => {
    expect(ipBucket("203.0.113.7")).toBe("203.0.113.7");
  });

  it("buckets every IPv6 address of one /64 together", () => {
    const a = ipBucket("2001:db8:abcd:12:1:2:3:4");
    expect(a).toBe("2001:db8:abcd:12::/64");
    expect(ipBucket("2001:0db8:abcd:0012:ffff:ffff:ffff:ffff")).toBe(a);
    expect(ipBucket("2001:DB8:ABCD:12::9")).toBe(a);
    expect(ipBucket("2001:db8:abcd:13::1")).not.toBe(a);
  });

  it("expands :: wherever it sits", () => {
    expect(ipBucket("::1")).toBe("0:0:0:0::/64");
    expect(ipBucket("2001:db8::")).toBe("2001:db8:0:0::/64");
    expect(ipBucket("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("reads IPv4-mapped IPv6 as the IPv4 address", () => {
    expect(ipBucket("::ffff:198.51.100.9")).toBe("198.51.100.9");
    expect(ipBucket("::ffff:c633:6409")).toBe("198.51.100.9");
  });

  it("leaves something that is not an address as it is (still one bucket per value)", () => {
    expect(ipBucket("1:2:3")).toBe("1:2:3");
    expect(ipBucket("1::2::3")).toBe("1::2::3");
  });

  it("takes the address from CF-Connecting-IP, and one shared bucket without it", () => {
    expect(clientIp(new Headers({ "CF-Connecting-IP": "2001:db8:1:2:aaaa::1" }))).toBe("2001:db8:1:2::/64");
    expect(clientIp(new Headers())).toBe("local");
  });
});
