import { bucketScreen, SCREEN_HEADER } from "../../../shared/device";

/**
 * The screen header sent at sign-in and refresh: CSS pixels of the whole screen, rounded to the
 * nearest 100 px here already, so the exact size never leaves the browser.
 */
export function screenHeader(): Record<string, string> {
  return { [SCREEN_HEADER]: bucketScreen(window.screen.width, window.screen.height) };
}
