// A bench-only Worker around the real provenance code: marks (XMP) or marks and signs (XMP, then a
// C2PA manifest) the demo provider's 1024×1024 PNG N times per request, so the CPU cost per image can be
// read from outside (workerd freezes its clocks during CPU work).
import { renderDemoImage } from "../../workers/generation/demo-media";
import { credentialSigner } from "../../workers/provenance/c2pa/signer";
import { markImage, stampImage } from "../../workers/provenance/mark";
import { DIGITAL_SOURCE_TYPES } from "../../workers/provenance/xmp";

interface BenchEnv {
  C2PA_SIGNING_KEY: string;
  C2PA_CERT_CHAIN: string;
}

const mark = { digitalSourceType: DIGITAL_SOURCE_TYPES.generated, softwareAgent: "Demo image (Ausar demo)" };
const image = { contentType: "image/png", width: 1024, height: 1024 };
let png: Promise<Uint8Array> | null = null;

export default {
  async fetch(request: Request, env: BenchEnv): Promise<Response> {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get("n") ?? 1);
    png ??= renderDemoImage({ prompt: "a lighthouse made of glass", seed: 7, width: 1024, height: 1024 });
    const bytes = await png;
    let size = bytes.byteLength;
    if (url.pathname === "/mark") for (let i = 0; i < n; i++) size = markImage(bytes, image, mark).byteLength;
    if (url.pathname === "/stamp") {
      const signer = credentialSigner(env);
      for (let i = 0; i < n; i++) size = (await stampImage(bytes, image, { mark, signer })).byteLength;
    }
    return Response.json({ original: bytes.byteLength, size });
  },
};
