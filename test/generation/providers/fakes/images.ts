import { PhotonImage } from "@cf-wasm/photon/workerd";

const cache = new Map<string, Uint8Array>();

/** A real, decodable image of the given size (a diagonal gradient), encoded once per size and format. */
export function fakeImage(format: "png" | "jpeg", width: number, height: number): Uint8Array {
  const key = `${format}:${width}x${height}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = 160;
      pixels[i + 3] = 255;
    }
  }
  const image = new PhotonImage(pixels, width, height);
  const bytes = format === "png" ? image.get_bytes() : image.get_bytes_jpeg(80);
  image.free();
  cache.set(key, bytes);
  return bytes;
}

/** Base64 of some bytes, as providers put images into JSON. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A few bytes that look like an MP4 (an `ftyp` box): enough for a fake video download. */
export const FAKE_MP4 = new Uint8Array([
  0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0, 0x69, 0x73, 0x6f, 0x6d, 0x6d, 0x70, 0x34, 0x31,
]);
