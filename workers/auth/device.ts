import { parseScreen, SCREEN_HEADER } from "../../shared/device";
import { describeUserAgent } from "./user-agent";

/** The device data a session keeps, exactly what the privacy policy names: browser type, OS, screen resolution. */
export interface DeviceData {
  browser: string | null;
  os: string | null;
  screen: string | null;
}

/** The device data of a sign-in or refresh request: browser and OS from the User-Agent, the bucketed screen the web app sent. */
export function deviceOf(headers: Headers): DeviceData {
  return { ...describeUserAgent(headers.get("User-Agent") ?? undefined), screen: parseScreen(headers.get(SCREEN_HEADER)) };
}
