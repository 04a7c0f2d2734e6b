import { readFileSync } from "node:fs";
import type { Plugin } from "vite";
import { POLICY_UPDATED_LABEL, POLICY_VERSION } from "../../shared/policy";
import { type PolicyBlock, parsePolicy, splitEmails } from "../src/pages/policy/parse";

const PAGES = [
  { file: "privacy.html", title: "Privacy Policy", source: "../../shared/policy/privacy-policy.txt" },
  { file: "terms.html", title: "Terms of Service", source: "../../shared/policy/terms.txt" },
];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function rich(text: string): string {
  return splitEmails(text)
    .map((part) => (part.email ? `<a href="mailto:${escapeHtml(part.text)}">${escapeHtml(part.text)}</a>` : escapeHtml(part.text)))
    .join("");
}

function block(b: PolicyBlock): string {
  if (b.kind === "heading") {
    const tag = b.level === 2 ? "h2" : "h3";
    return `<${tag} id="${b.id}">${escapeHtml(`${b.number}${b.level === 2 ? "." : ""} ${b.text}`)}</${tag}>`;
  }
  if (b.kind === "paragraph") return `<p>${rich(b.text)}</p>`;
  const items = b.items.map((i) => `<li>${i.lead ? `<strong>${escapeHtml(i.lead)}: </strong>` : ""}${rich(i.text)}</li>`);
  return `<ul>${items.join("")}</ul>`;
}

/** The same markup as `PolicyView`, as a string, inside the public site's frame. */
function policyMarkup(title: string, source: string): string {
  const body = parsePolicy(source).map(block).join("\n");
  return `<div class="site"><header class="site-header"><a class="brand" href="/">Ausar</a></header>
<main id="main" class="site-main"><article class="policy"><header class="policy-header"><h1 class="page-title">${escapeHtml(title)}</h1>
<p class="policy-updated">Last updated: <time datetime="${POLICY_VERSION}">${POLICY_UPDATED_LABEL}</time></p></header>
${body}</article></main></div>`;
}

/**
 * Emits `privacy.html` and `terms.html`: the built `index.html` with the policy already in it, so
 * `/privacy` and `/terms` show their text and "Last updated" date without running any script
 * (readers without JavaScript, and checks that fetch the page). The app then renders over it.
 */
export function policyPages(): Plugin {
  return {
    name: "ausar-policy-pages",
    enforce: "post",
    generateBundle(_options, bundle) {
      const index = bundle["index.html"];
      if (index?.type !== "asset") this.error("policy pages need the built index.html");
      const html = String(index.source);
      for (const page of PAGES) {
        const source = readFileSync(new URL(page.source, import.meta.url), "utf8");
        const filled = html
          .replace("<title>Ausar</title>", `<title>${escapeHtml(page.title)} · Ausar</title>`)
          .replace('<div id="app"></div>', `<div id="app">${policyMarkup(page.title, source)}</div>`);
        if (filled === html) this.error("index.html no longer has the title or the #app element the policy pages fill");
        this.emitFile({ type: "asset", fileName: page.file, source: filled });
      }
    },
  };
}
