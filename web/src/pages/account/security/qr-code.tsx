import { encode } from "uqr";

/**
 * A QR code drawn in the page (no outside service sees the secret): one SVG path of unit squares,
 * dark on a light quiet zone whatever the theme, so every camera reads it.
 */
export function QrCode(props: { value: string; label: string }) {
  const qr = encode(props.value, { ecc: "M", border: 4 });
  let path = "";
  qr.data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    <svg class="qr-code" viewBox={`0 0 ${qr.size} ${qr.size}`} role="img" aria-label={props.label} shape-rendering="crispEdges">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
