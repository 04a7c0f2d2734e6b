/** Every media type the gallery stores (uploads and generated outputs), with its file extension. */
const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
  "image/avif": "avif",
  "video/mp4": "mp4",
  "video/webm": "webm",
  "video/quicktime": "mov",
};

/** True for a media type the gallery can store (and name). */
export function isStorableType(contentType: string): boolean {
  return Object.hasOwn(EXTENSIONS, contentType);
}

/** The file extension for a stored type (`bin` for anything unexpected). */
export function extensionFor(contentType: string): string {
  return isStorableType(contentType) ? EXTENSIONS[contentType]! : "bin";
}

/** Lower-case ASCII words of a prompt joined by dashes, at most `max` characters. */
function slug(text: string, max = 40): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents split off by NFKD: "é" → "e"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  let out = "";
  for (const word of words) {
    const next = out ? `${out}-${word}` : word;
    if (next.length > max) break;
    out = next;
  }
  return out;
}

/**
 * A download name safe in any header or file system: only [a-z0-9.-], from our own data (the
 * prompt and the id), never from a name the user uploaded. Unique per item.
 */
export function downloadName(item: { id: string; kind: string; prompt: string | null; contentType: string }): string {
  const stem = slug(item.prompt ?? "") || item.kind;
  return `ausar-${stem}-${item.id.slice(-8)}.${extensionFor(item.contentType)}`;
}
