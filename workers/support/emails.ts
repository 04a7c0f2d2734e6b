import type { EmailMessage } from "../lib/email/sender";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/**
 * Tells the person that support answered: the thread's subject and a link back to it, never the
 * messages themselves (those stay behind sign-in).
 */
export function supportReplyEmail(to: string, userId: string, name: string, subject: string, url: string): EmailMessage {
  const lines = [`Hi ${name},`, `The Ausar support team answered your request “${subject}”.`, "Sign in to read the answer and reply."];
  return {
    to,
    userId,
    subject: "Ausar support answered your request",
    text: [...lines, "", `Read the answer: ${url}`, "", "— Ausar"].join("\n"),
    html: [
      ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
      `<p><a href="${escapeHtml(url)}">Read the answer</a></p>`,
      "<p>— Ausar</p>",
    ].join(""),
  };
}
