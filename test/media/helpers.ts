import { env } from "cloudflare:workers";
import type { MediaView } from "../../shared/media";
import { newId } from "../../workers/lib/ids";
import { api, type TestUser } from "../support/users";

/** Uploads raw bytes as `user`, declaring `contentType`. */
export function upload(user: TestUser, bytes: Uint8Array, contentType = "application/octet-stream"): Promise<Response> {
  return api("/api/uploads", { method: "POST", cookie: user.cookie, headers: { "Content-Type": contentType }, body: bytes });
}

/** Uploads and returns the created media, failing the test on anything but 201. */
export async function uploaded(user: TestUser, bytes: Uint8Array, contentType?: string): Promise<MediaView> {
  const res = await upload(user, bytes, contentType);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return (await res.json<{ media: MediaView }>()).media;
}

/** Every R2 key under a prefix. */
export async function keysUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.MEDIA.list({ prefix, cursor });
    keys.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return keys;
}

export interface SeedOptions {
  kind?: "upload" | "image" | "video";
  prompt?: string;
  favorite?: boolean;
  createdAt?: number;
}

/** Inserts a gallery row directly (with a small real R2 object), for listing tests that need many items. */
export async function seedMedia(userId: string, options: SeedOptions = {}): Promise<string> {
  const createdAt = options.createdAt ?? Date.now();
  const id = newId(createdAt);
  const key = `media/${userId}/seed/${id}.png`;
  await env.MEDIA.put(key, new Uint8Array([1, 2, 3]), { httpMetadata: { contentType: "image/png" } });
  await env.DB.prepare(
    `INSERT INTO media (id, user_id, kind, r2_key, content_type, bytes, width, height, favorite, prompt, created_at)
     VALUES (?1, ?2, ?3, ?4, 'image/png', 3, 1, 1, ?5, ?6, ?7)`,
  )
    .bind(id, userId, options.kind ?? "image", key, options.favorite ? 1 : 0, options.prompt ?? null, createdAt)
    .run();
  return id;
}
