import { makeZip, predictLength } from "client-zip";
import { downloadName } from "./filenames";
import type { MediaBucket } from "./storage";
import type { MediaRow } from "./views";

/** Entry names, made unique should two items ever slug to the same name. */
function entryNames(rows: readonly MediaRow[]): string[] {
  const seen = new Set<string>();
  return rows.map((row, i) => {
    const name = downloadName(row);
    const unique = seen.has(name) ? `${i + 1}-${name}` : name;
    seen.add(unique);
    return unique;
  });
}

/**
 * A ZIP of the given items streamed straight from R2: each object is opened only when the archive
 * reaches it and passes through chunk by chunk (stored, not recompressed: images and videos are
 * compressed already), so memory stays flat whatever the total size. Sizes come from R2 itself so
 * that the predicted Content-Length is exact; objects that have vanished are left out.
 */
export async function zipResponse(env: MediaBucket, rows: readonly MediaRow[]): Promise<Response> {
  const heads = await Promise.all(rows.map((row) => env.MEDIA.head(row.r2Key)));
  const present = rows.flatMap((row, i) => {
    const head = heads[i];
    return head ? [{ row, size: head.size }] : [];
  });
  const names = entryNames(present.map((p) => p.row));
  const entries = present.map((p, i) => ({ name: names[i]!, size: p.size, lastModified: new Date(p.row.createdAt), key: p.row.r2Key }));
  async function* files() {
    for (const entry of entries) {
      const object = await env.MEDIA.get(entry.key);
      if (!object) throw new Error(`R2 object vanished while zipping: ${entry.key}`);
      yield { name: entry.name, size: entry.size, lastModified: entry.lastModified, input: object.body };
    }
  }
  const length = Number(predictLength(entries.map(({ name, size }) => ({ name, size }))));
  // workerd keeps a Content-Length only for bodies of known length, so the archive passes through a
  // FixedLengthStream: the browser then shows real download progress.
  const body = makeZip(files()).pipeThrough(new FixedLengthStream(length));
  return new Response(body, { headers: { "Content-Type": "application/zip", "Content-Length": String(length) } });
}
