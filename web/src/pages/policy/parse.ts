/**
 * The policy texts (`shared/policy/*.txt`) are plain lines: "1. Title" starts a section,
 * "2.1 Title" a subsection, "- item" a list item, anything else a paragraph. This turns them
 * into blocks that both the page and the build's static copy render. No DOM here.
 */
export type PolicyBlock =
  | { kind: "heading"; level: 2 | 3; number: string; text: string; id: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: PolicyItem[] };

/** A list item, split into a short lead ("Account details") and the rest when written "Lead: rest". */
interface PolicyItem {
  lead: string | null;
  text: string;
}

const SECTION = /^(\d+)\.\s+(.+)$/;
const SUBSECTION = /^(\d+\.\d+)\s+(.+)$/;
const ITEM = /^-\s+(.+)$/;
const LEAD = /^([^:.]{2,40}):\s*(.+)$/;

function item(text: string): PolicyItem {
  const lead = LEAD.exec(text);
  return lead?.[1] && lead[2] ? { lead: lead[1].trim(), text: lead[2] } : { lead: null, text };
}

/** Parses a policy text into headings, paragraphs and lists. */
export function parsePolicy(source: string): PolicyBlock[] {
  const blocks: PolicyBlock[] = [];
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const section = SECTION.exec(line) ?? SUBSECTION.exec(line);
    const listItem = ITEM.exec(line);
    if (section?.[1] && section[2]) {
      const level = section[1].includes(".") ? 3 : 2;
      blocks.push({ kind: "heading", level, number: section[1], text: section[2], id: `section-${section[1].replace(".", "-")}` });
    } else if (listItem?.[1]) {
      const last = blocks.at(-1);
      if (last?.kind === "list") last.items.push(item(listItem[1]));
      else blocks.push({ kind: "list", items: [item(listItem[1])] });
    } else {
      blocks.push({ kind: "paragraph", text: line });
    }
  }
  return blocks;
}

/** Splits text around email addresses, so renderers can turn them into mailto links. */
export function splitEmails(text: string): { text: string; email: boolean }[] {
  return text
    .split(/([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/)
    .filter((part) => part !== "")
    .map((part) => ({ text: part, email: /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/.test(part) }));
}
