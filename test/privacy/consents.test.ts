import { describe, expect, it } from "vitest";
import { consentStates, effectiveConsent } from "../../workers/privacy/consents";

const event = (purpose: "terms" | "product_emails" | "usage_analysis", granted: boolean, createdAt: number) => ({
  purpose,
  granted,
  policyVersion: "2026-11-24",
  createdAt,
});

describe("consent states", () => {
  it("takes the latest record of each purpose (the history is newest first)", () => {
    const states = consentStates([event("product_emails", false, 3), event("product_emails", true, 2), event("terms", true, 1)], false);
    expect(states.find((s) => s.purpose === "product_emails")).toMatchObject({ granted: false, changedAt: 3 });
    expect(states.find((s) => s.purpose === "terms")).toMatchObject({ granted: true, changedAt: 1, changeable: false });
  });

  it("defaults by legal basis: consent off, legitimate interest on, contract off until accepted", () => {
    const states = consentStates([], false);
    expect(Object.fromEntries(states.map((s) => [s.purpose, s.granted]))).toEqual({
      terms: false,
      privacy_policy: false,
      product_emails: false,
      usage_analysis: true,
    });
    expect(states.every((s) => s.policyVersion === null && s.changedAt === null)).toBe(true);
  });

  it("restriction stops consent- and interest-based processing, never the contract", () => {
    expect(effectiveConsent("usage_analysis", true, true)).toBe(false);
    expect(effectiveConsent("product_emails", true, true)).toBe(false);
    expect(effectiveConsent("terms", true, true)).toBe(true);
    expect(effectiveConsent("usage_analysis", false, false)).toBe(false);
    expect(effectiveConsent("product_emails", true, false)).toBe(true);
  });
});
