import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { POLICY_VERSION } from "../../../shared/policy";
import { parsePolicy, splitEmails } from "../../../web/src/pages/policy/parse";

const privacy = readFileSync("shared/policy/privacy-policy.txt", "utf8");
const terms = readFileSync("shared/policy/terms.txt", "utf8");

it("parses the privacy policy into its eleven sections, subsections and lists", () => {
  const blocks = parsePolicy(privacy);
  const sections = blocks.filter((b) => b.kind === "heading" && b.level === 2);
  expect(sections.map((b) => (b.kind === "heading" ? b.number : ""))).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]);
  expect(blocks.some((b) => b.kind === "heading" && b.level === 3 && b.number === "7.2")).toBe(true);
  const firstList = blocks.find((b) => b.kind === "list");
  expect(firstList?.kind === "list" && firstList.items[0]).toEqual({
    lead: "Account details",
    text: "When signing up, we collect your name, email address, and login credentials.",
  });
  // "Payment processor:Whop" in the source has no space; the lead split still reads well.
  const whop = blocks.flatMap((b) => (b.kind === "list" ? b.items : [])).find((i) => i.lead === "Payment processor");
  expect(whop?.text.startsWith("Whop handles")).toBe(true);
});

it("keeps the terms in the same structure, with the contact address and Polish law", () => {
  const blocks = parsePolicy(terms);
  expect(blocks[0]).toMatchObject({ kind: "heading", level: 2, number: "1" });
  expect(terms).toContain("ausar.contact@gmail.com");
  expect(terms).toContain("laws of Poland");
  expect(terms).toContain("18");
  expect(terms).toContain("Whop");
  expect(POLICY_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

it("finds email addresses to link", () => {
  expect(splitEmails("Email: ausar.contact@gmail.com.")).toEqual([
    { text: "Email: ", email: false },
    { text: "ausar.contact@gmail.com", email: true },
    { text: ".", email: false },
  ]);
});
