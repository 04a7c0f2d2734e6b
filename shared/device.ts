/**
 * Screen resolution, the third kind of device data the privacy policy names (with browser type and
 * operating system). The web app sends it at sign-in and at each refresh in this header; it is
 * kept per session only to the nearest 100 px, so it describes a kind of screen, not a device.
 */
export const SCREEN_HEADER = "Ausar-Screen";

const STEP = 100;
const MAX_EDGE = 20_000;

/** Width and height rounded to the nearest 100 px (at least 100), as `"1900x1100"`. */
export function bucketScreen(width: number, height: number): string {
  const round = (edge: number) => Math.max(STEP, Math.round(edge / STEP) * STEP);
  return `${round(width)}x${round(height)}`;
}

/** The header's value as a bucketed resolution, or null when absent or not a plausible `WxH`. */
export function parseScreen(value: string | undefined | null): string | null {
  const match = /^(\d{1,5})x(\d{1,5})$/.exec(value?.trim() ?? "");
  if (!match) return null;
  const [width, height] = [Number(match[1]), Number(match[2])];
  if (width < 1 || height < 1 || width > MAX_EDGE || height > MAX_EDGE) return null;
  return bucketScreen(width, height);
}
