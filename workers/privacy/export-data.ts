import { accountDataContributions } from "../account-data";
import type { Database } from "../db/client";
import type { AccountDataContribution, ExportObject } from "./contract";

/** Bumped when a section's shape changes incompatibly; the schema is documented in docs/privacy.md. */
export const EXPORT_FORMAT_VERSION = 1;

/**
 * The documented order of the sections in `ausar-export.json` (docs/privacy.md). A section a
 * capability adds later and this list does not name yet comes after these, in registry order.
 */
const SECTION_ORDER = [
  "profile",
  "consents",
  "sessions",
  "jobs",
  "credits",
  "payments",
  "subscriptions",
  "referrals",
  "media",
  "shareLinks",
  "exports",
];

/** The export's JSON document: section name → what a capability holds about the person. */
export type AccountData = Record<string, unknown>;

/**
 * Everything held about the person, one section per kind of data, each read by the capability
 * that owns it (each filters by the user id; other people's ids never appear), and the media
 * objects to put beside it. Two capabilities naming the same section is a programming error.
 */
export async function collectAccountData(
  db: Database,
  userId: string,
  contributions: readonly AccountDataContribution[] = accountDataContributions,
): Promise<{ document: AccountData; objects: ExportObject[] }> {
  const parts = await Promise.all(
    contributions.map(async (contribution) => {
      const sections = (await contribution.exportSections?.(db, userId)) ?? {};
      const objects = (await contribution.exportObjects?.(db, userId, sections)) ?? [];
      return { capability: contribution.capability, sections, objects };
    }),
  );
  const found = new Map<string, unknown>();
  for (const { capability, sections } of parts) {
    for (const [name, value] of Object.entries(sections)) {
      if (found.has(name)) throw new Error(`export section "${name}" is contributed twice (again by ${capability})`);
      found.set(name, value);
    }
  }
  const names = [...SECTION_ORDER.filter((name) => found.has(name)), ...[...found.keys()].filter((name) => !SECTION_ORDER.includes(name))];
  const document: AccountData = Object.fromEntries(names.map((name) => [name, found.get(name)]));
  return { document, objects: parts.flatMap((part) => part.objects) };
}
