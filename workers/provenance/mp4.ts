import { concatBytes } from "../../shared/provenance/bytes";

/** The `uuid` box type Adobe's XMP specification (part 3) gives XMP in ISO base media files. */
const XMP_UUID = new Uint8Array([0xbe, 0x7a, 0xcf, 0xcb, 0x97, 0xa9, 0x42, 0xe8, 0x9c, 0x71, 0x99, 0x94, 0x91, 0xe3, 0xaf, 0xac]);

/** A top-level `uuid` box holding the XMP packet. */
export function xmpBox(xmp: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  new DataView(head.buffer).setUint32(0, 8 + XMP_UUID.byteLength + xmp.byteLength);
  head.set([0x75, 0x75, 0x69, 0x64], 4); // "uuid"
  return concatBytes([head, XMP_UUID, xmp]);
}

/**
 * An MP4 stream with the XMP box appended as its last top-level box: the file is passed through
 * chunk by chunk (memory stays flat whatever its size) and readers find top-level boxes anywhere.
 * The stored size grows by `box.byteLength`.
 */
export function appendBox(body: ReadableStream<Uint8Array>, box: Uint8Array): ReadableStream<Uint8Array> {
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform: (chunk, controller) => controller.enqueue(chunk),
      flush: (controller) => controller.enqueue(box),
    }),
  );
}
