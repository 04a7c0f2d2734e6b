import { bucketScreen, SCREEN_HEADER } from "../../../shared/device";

/**
 * The screen header sent at sign-in and refresh: CSS pixels of the whole screen, rounded to the
 * nearest 100 px here already, so the exact size never leaves the browser (none where there is no screen).
 */
export function screenHeader(): Record<string, string> {
  const screen = globalThis.screen;
  return screen ? { [SCREEN_HEADER]: bucketScreen(screen.width, screen.height) } : {};
}
