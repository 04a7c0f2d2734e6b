import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ShareView } from "../../shared/media";
import { api, signUp, type TestUser } from "../support/users";
import { png } from "./fixtures";
import { seedMedia, uploaded } from "./helpers";

let owner: TestUser;

beforeAll(async () => {
  owner = await signUp();
});

async function shareOf(mediaId: string, body: { showPrompt?: boolean } = {}): Promise<ShareView & { url: string; pageUrl: string }> {
  const res = await api(`/api/media/${mediaId}/share`, { method: "POST", cookie: owner.cookie, json: body });
  expect(res.status).toBe(201);
  return (await res.json<{ share: ShareView & { url: string; pageUrl: string } }>()).share;
}

/** The `content` of `<meta property|name="key">`, as a link preview reads it. */
function meta(page: string, key: string): string | undefined {
  const tag = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(page);
  return tag?.[1];
}

const PROMPT = `Lantern <script>alert("x")</script> & "boats" at dusk`;

describe("the public share page", () => {
  it("shows the picture with a preview card, an AI label and a made-with line, and no prompt unless chosen", async () => {
    const id = await seedMedia(owner.userId, { kind: "image", prompt: PROMPT });
    const share = await shareOf(id);
    expect(share.pageUrl).toMatch(/^http:\/\/localhost\/share\/[A-Za-z0-9_-]{43}$/);
    const res = await api(new URL(share.pageUrl).pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(res.headers.get("X-Robots-Tag")).toBe("noindex, nofollow");
    expect(res.headers.get("Cache-Control")).toBe("private, no-cache");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    // The page itself is ours alone: only the shared bytes may be embedded elsewhere.
    expect(res.headers.get("Cross-Origin-Resource-Policy")).toBe("same-origin");
    expect(res.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    const page = await res.text();

    expect(meta(page, "robots")).toBe("noindex, nofollow");
    expect(meta(page, "og:title")).toBe("An image made with Ausar");
    expect(meta(page, "og:image")).toBe(share.url);
    expect(meta(page, "og:image:width")).toBe("1");
    expect(meta(page, "og:url")).toBe(share.pageUrl);
    expect(meta(page, "twitter:card")).toBe("summary_large_image");
    expect(meta(page, "twitter:image")).toBe(share.url);
    expect(page).toContain(`<img class="share-media" src="${share.url}"`);
    expect(page).toContain("AI-generated");
    expect(page).toContain("Made with Ausar");
    expect(page).toContain('href="/signup"');
    // Nothing of the prompt or the account.
    expect(page).not.toContain("Lantern");
    expect(page).not.toContain(owner.email);
    expect(page).not.toContain(owner.name);
    expect(page).not.toContain(id);
  });

  it("shows the prompt, escaped, when the owner chose to", async () => {
    const id = await seedMedia(owner.userId, { kind: "image", prompt: PROMPT });
    const share = await shareOf(id, { showPrompt: true });
    const page = await (await api(new URL(share.pageUrl).pathname)).text();
    expect(page).toContain(
      `<p class="share-prompt">Lantern &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;boats&quot; at dusk</p>`,
    );
    expect(page).not.toContain("<script>alert");
    expect(meta(page, "og:title")).toBe("Lantern &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;boats&quot; at dusk");
    expect(page).toContain(`alt="Lantern &lt;script&gt;`);
  });

  it("gives a video its player, poster and og:video, with the poster served through the link", async () => {
    const id = await seedMedia(owner.userId, { kind: "video", prompt: "waves" });
    const posterKey = `media/${owner.userId}/seed/${id}-thumb.webp`;
    await env.MEDIA.put(posterKey, new Uint8Array([9, 9, 9]), { httpMetadata: { contentType: "image/webp" } });
    await env.DB.prepare("UPDATE media SET content_type = 'video/mp4', thumbnail_key = ?1 WHERE id = ?2").bind(posterKey, id).run();
    const share = await shareOf(id);
    const page = await (await api(new URL(share.pageUrl).pathname)).text();
    expect(meta(page, "og:type")).toBe("video.other");
    expect(meta(page, "og:video")).toBe(share.url);
    expect(meta(page, "og:video:type")).toBe("video/mp4");
    expect(meta(page, "og:image")).toBe(`${share.url}/thumbnail`);
    expect(page).toContain(`poster="${share.url}/thumbnail"`);
    expect(meta(page, "og:title")).toBe("A video made with Ausar");

    const poster = await api(`${new URL(share.url).pathname}/thumbnail`);
    expect(poster.status).toBe(200);
    expect(poster.headers.get("Content-Type")).toBe("image/webp");
    expect(poster.headers.get("Cross-Origin-Resource-Policy")).toBe("cross-origin");
    expect(new Uint8Array(await poster.arrayBuffer())).toEqual(new Uint8Array([9, 9, 9]));
  });

  it("does not call an upload AI-generated", async () => {
    const item = await uploaded(owner, png(16, 12));
    const share = await shareOf(item.id, { showPrompt: true });
    const page = await (await api(new URL(share.pageUrl).pathname)).text();
    expect(page).not.toContain("AI-generated");
    expect(meta(page, "og:title")).toBe("A picture shared from Ausar");
  });

  it("answers an unknown, malformed or revoked link with a 404 page that says so", async () => {
    const id = await seedMedia(owner.userId, { kind: "image", prompt: "kept private" });
    const share = await shareOf(id);
    const path = new URL(share.pageUrl).pathname;
    expect((await api(`/api/media/${id}/share/${share.id}`, { method: "DELETE", cookie: owner.cookie })).status).toBe(204);
    for (const dead of [path, "/share/not-a-token", `/share/${"A".repeat(43)}`]) {
      const res = await api(dead);
      expect(res.status).toBe(404);
      expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
      expect(res.headers.get("X-Robots-Tag")).toBe("noindex, nofollow");
      const page = await res.text();
      expect(page).toContain("This link has expired or was revoked");
      expect(page).not.toContain("kept private");
      expect(page).not.toContain("og:image");
    }
    expect((await api(`${new URL(share.url).pathname}/thumbnail`)).status).toBe(404);
  });
});
