import type { ProviderOutput } from "../types";
import { decodeBase64 } from "./base64";
import { sniffImage } from "./image-info";

/**
 * A base64-encoded PNG or JPEG as a streamed output, with its byte length and, when its header
 * shows them, its dimensions. Null when the value is not base64 of a recognised image.
 */
export function base64Image(value: unknown): ProviderOutput | null {
  if (typeof value !== "string") return null;
  const decoded = decodeBase64(value);
  const info = decoded && sniffImage(decoded.head);
  if (!decoded || !info) return null;
  const output: ProviderOutput = { contentType: info.contentType, body: decoded.stream(), bytes: decoded.bytes };
  if (info.width) output.width = info.width;
  if (info.height) output.height = info.height;
  return output;
}
