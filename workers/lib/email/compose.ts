import type { EmailMessage } from "./sender";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/** A plain email: one paragraph per line, an optional link, signed "— Ausar"; text and HTML say the same. */
export function composeEmail(
  to: string,
  userId: string,
  subject: string,
  lines: string[],
  link?: { url: string; label: string },
): EmailMessage {
  const text = [...lines, ...(link ? ["", `${link.label}: ${link.url}`] : []), "", "— Ausar"].join("\n");
  const html = [
    ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    link ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>` : "",
    "<p>— Ausar</p>",
  ].join("");
  return { to, userId, subject, text, html };
}
