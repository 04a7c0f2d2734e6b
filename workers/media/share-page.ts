import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { AI_LABEL } from "../../shared/ai-label";
import { SHARE_STYLESHEET_PATH } from "../../shared/share-page";
import type { SharedItem } from "./shares";

/** The longest prompt put in a link preview's title; the page itself shows it whole. */
const TITLE_PROMPT_MAX = 70;

type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What the page and its preview card say, from what the owner chose to show. */
function wording(shared: SharedItem): { title: string; description: string; alt: string } {
  const { item, showPrompt } = shared;
  const prompt = showPrompt && item.prompt ? item.prompt.trim() : "";
  const what = item.kind === "video" ? "video" : "image";
  if (item.kind === "upload") {
    return { title: "A picture shared from Ausar", description: "Shared from an Ausar gallery.", alt: "A shared picture" };
  }
  const made = `An AI-generated ${what} made with Ausar.`;
  if (!prompt) return { title: `${what === "video" ? "A" : "An"} ${what} made with Ausar`, description: made, alt: `AI-generated ${what}` };
  const short = prompt.length > TITLE_PROMPT_MAX ? `${prompt.slice(0, TITLE_PROMPT_MAX - 1).trimEnd()}…` : prompt;
  return { title: short, description: made, alt: prompt };
}

/** The frame both pages share: no app script (only the theme choice), not indexed, no referrer sent on. */
function frame(head: { title: string; extra?: Page }, body: Page): Page {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="dark light" />
    <meta name="robots" content="noindex, nofollow" />
    <meta name="referrer" content="no-referrer" />
    <title>${head.title} · Ausar</title>
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="${SHARE_STYLESHEET_PATH}" />
    <script src="/theme.js"></script>
    ${head.extra ?? ""}
  </head>
  <body>
    <div class="share">
      <header class="share-header">
        <a class="brand" href="/"><img src="/favicon.svg" width="24" height="24" alt="" />Ausar</a>
        <a class="btn btn-primary" href="/signup">Try Ausar</a>
      </header>
      <main class="share-main">${body}</main>
    </div>
  </body>
</html>`;
}

/** Open Graph and Twitter tags, so the link previews as a card where it is pasted. */
function previewTags(shared: SharedItem, urls: SharePageUrls, words: ReturnType<typeof wording>): Page {
  const { item } = shared;
  const image = item.kind === "video" ? urls.thumbnail : urls.file;
  const size = item.width && item.height ? { width: item.width, height: item.height } : null;
  const imageTags = image
    ? html`<meta property="og:image" content="${image}" />
    ${item.kind !== "video" ? html`<meta property="og:image:type" content="${item.contentType}" />` : ""}
    ${size && item.kind !== "video" ? html`<meta property="og:image:width" content="${size.width}" /><meta property="og:image:height" content="${size.height}" />` : ""}
    <meta property="og:image:alt" content="${words.alt}" />
    <meta name="twitter:image" content="${image}" />
    <meta name="twitter:image:alt" content="${words.alt}" />`
    : "";
  const videoTags =
    item.kind === "video"
      ? html`<meta property="og:video" content="${urls.file}" />
    <meta property="og:video:type" content="${item.contentType}" />
    ${size ? html`<meta property="og:video:width" content="${size.width}" /><meta property="og:video:height" content="${size.height}" />` : ""}`
      : "";
  return html`<meta name="description" content="${words.description}" />
    <meta property="og:type" content="${item.kind === "video" ? "video.other" : "website"}" />
    <meta property="og:site_name" content="Ausar" />
    <meta property="og:title" content="${words.title}" />
    <meta property="og:description" content="${words.description}" />
    <meta property="og:url" content="${urls.page}" />
    ${imageTags}
    ${videoTags}
    <meta name="twitter:card" content="summary_large_image" />
    <meta name="twitter:title" content="${words.title}" />
    <meta name="twitter:description" content="${words.description}" />`;
}

/** Absolute addresses of what a live link opens (a preview card needs absolute ones). */
export interface SharePageUrls {
  page: string;
  file: string;
  /** The video's poster frame, when it has one. */
  thumbnail: string | null;
}

/**
 * `/share/:token`: the picture or video alone, an "AI-generated" label on what a model made, the
 * prompt only when the owner chose to show it, and a "made with Ausar" line. Nothing of the account.
 */
export function sharePage(shared: SharedItem, urls: SharePageUrls): Page {
  const { item } = shared;
  const words = wording(shared);
  const size = item.width && item.height ? html` width="${item.width}" height="${item.height}"` : "";
  const media =
    item.kind === "video"
      ? html`<video class="share-media" src="${urls.file}" controls playsinline preload="metadata"${size}${urls.thumbnail ? html` poster="${urls.thumbnail}"` : ""} aria-label="${words.alt}"></video>`
      : html`<img class="share-media" src="${urls.file}" alt="${words.alt}"${size} />`;
  const prompt = shared.showPrompt && item.prompt ? html`<p class="share-prompt">${item.prompt}</p>` : "";
  const label = item.kind === "upload" ? "" : html`<span class="ai-label" title="${AI_LABEL.title}">${AI_LABEL.text}</span>`;
  // The file carries its own marks: anyone can read them at /verify (in their browser, nothing uploaded).
  const check = item.kind === "upload" ? "" : html` · <a href="/verify">Check its Content Credentials</a>`;
  return frame(
    { title: words.title, extra: previewTags(shared, urls, words) },
    html`<figure class="share-figure">
        ${media}
        <figcaption class="share-caption">
          ${label} ${prompt}
          <p class="share-made">Made with Ausar · <a href="/signup">Create your own</a>${check}</p>
        </figcaption>
      </figure>`,
  );
}

/** What an unknown, expired or revoked link shows (with a 404): no hint of what it was. */
export function missingSharePage(): Page {
  return frame(
    { title: "Link not available" },
    html`<section class="share-missing">
        <h1>This link has expired or was revoked</h1>
        <p>Ask the person who shared it for a new link.</p>
        <a class="btn btn-secondary" href="/">Go to Ausar</a>
      </section>`,
  );
}
