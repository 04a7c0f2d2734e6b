import { describe, expect, it } from "vitest";
import { welcomeAddress, welcomeAddressHash } from "../../workers/auth/welcome-address";

describe("the address a welcome grant is counted against", () => {
  it("ignores case and surrounding whitespace", () => {
    expect(welcomeAddress("  Ada.Lovelace@Example.COM ")).toBe("ada.lovelace@example.com");
  });

  it("drops a +tag sub-address on any domain", () => {
    expect(welcomeAddress("ada+ausar@example.com")).toBe("ada@example.com");
    expect(welcomeAddress("ada+a+b@fastmail.com")).toBe("ada@fastmail.com");
    // A local part that starts with "+" has no base mailbox to fold into: kept as typed.
    expect(welcomeAddress("+ada@example.com")).toBe("+ada@example.com");
  });

  it("drops Gmail's dots and reads googlemail.com as gmail.com", () => {
    expect(welcomeAddress("A.Da.Love.Lace+x@gmail.com")).toBe("adalovelace@gmail.com");
    expect(welcomeAddress("ada.lovelace@googlemail.com")).toBe("adalovelace@gmail.com");
    // Elsewhere dots are part of the mailbox.
    expect(welcomeAddress("ada.lovelace@example.com")).not.toBe(welcomeAddress("adalovelace@example.com"));
  });

  it("puts an internationalised domain in its punycode form, and drops a trailing dot", () => {
    expect(welcomeAddress("ada@bücher.example")).toBe("ada@xn--bcher-kva.example");
    expect(welcomeAddress("ada@XN--BCHER-KVA.example")).toBe("ada@xn--bcher-kva.example");
    expect(welcomeAddress("ada@gmail.com.")).toBe("ada@gmail.com");
  });

  it("normalises Unicode in the local part (NFC), so composed and decomposed forms agree", () => {
    expect(welcomeAddress("jos\u00e9@example.com")).toBe(welcomeAddress("jose\u0301@example.com"));
  });

  it("leaves something without a domain as it is", () => {
    expect(welcomeAddress("no-at-sign")).toBe("no-at-sign");
    expect(welcomeAddress("trailing@")).toBe("trailing@");
  });
});

describe("welcomeAddressHash", () => {
  it("is an HMAC-SHA-256 of the normalised address: equal for one mailbox, different per secret", async () => {
    const a = await welcomeAddressHash("secret-1", "Ada.Lovelace+x@googlemail.com");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await welcomeAddressHash("secret-1", "adalovelace@gmail.com")).toBe(a);
    expect(await welcomeAddressHash("secret-2", "adalovelace@gmail.com")).not.toBe(a);
    expect(a).not.toContain("lovelace");
  });

  it("matches an HMAC computed independently", async () => {
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("k"), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode("ada@example.com")));
    const hex = [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
    expect(await welcomeAddressHash("k", "ADA+news@example.com")).toBe(hex);
  });

  it("refuses to run without a secret", async () => {
    await expect(welcomeAddressHash("", "ada@example.com")).rejects.toThrow(/EMAIL_HASH_SECRET/);
  });
});
