import { PhotonImage } from "@cf-wasm/photon/workerd";

/** A w×h picture with some structure (so encoders have something to do); `alpha` < 255 makes it transparent. */
function picture(width: number, height: number, alpha = 255): PhotonImage {
  const raw = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = x < width / 2 ? 40 : 200;
      raw[i + 3] = alpha;
    }
  }
  return new PhotonImage(raw, width, height);
}

function encode(width: number, height: number, how: (image: PhotonImage) => Uint8Array, alpha?: number): Uint8Array {
  const image = picture(width, height, alpha);
  try {
    return how(image);
  } finally {
    image.free();
  }
}

export const png = (width = 64, height = 48, alpha?: number) => encode(width, height, (i) => i.get_bytes(), alpha);
export const jpeg = (width = 64, height = 48) => encode(width, height, (i) => i.get_bytes_jpeg(85));
export const webp = (width = 64, height = 48) => encode(width, height, (i) => i.get_bytes_webp());

/** A JPEG carrying an EXIF APP1 segment with the given orientation tag (big-endian TIFF). */
export function jpegWithOrientation(orientation: number, width = 64, height = 48): Uint8Array {
  const base = jpeg(width, height);
  const tiff = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0, 0, 0];
  const payload = [...new TextEncoder().encode("Exif\0\0"), ...tiff];
  const length = payload.length + 2;
  const app1 = [0xff, 0xe1, length >> 8, length & 0xff, ...payload];
  return new Uint8Array([0xff, 0xd8, ...app1, ...base.subarray(2)]);
}

/** A PNG signature and IHDR declaring a huge canvas, then IEND: a decompression bomb's header. */
export function pngBombHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(8 + 25 + 12);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, 13);
  bytes.set(new TextEncoder().encode("IHDR"), 12);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  view.setUint32(33, 0);
  bytes.set(new TextEncoder().encode("IEND"), 37);
  return bytes;
}

/** A stream of `total` bytes in `chunk`-sized pieces, made on demand (nothing held in memory). */
export function byteStream(total: number, chunk = 64 * 1024, onPull?: () => void): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      if (sent >= total) {
        controller.close();
        return;
      }
      const size = Math.min(chunk, total - sent);
      const piece = new Uint8Array(size);
      for (let i = 0; i < size; i += 997) piece[i] = (sent + i) & 0xff;
      sent += size;
      controller.enqueue(piece);
    },
  });
}
