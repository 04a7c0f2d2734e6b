import { describe, expect, it } from "vitest";
import { bucketScreen, parseScreen } from "../../shared/device";
import { api, cookiesFrom, randomIp, TEST_PASSWORD } from "../support/users";

const CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

async function devices(cookie: string) {
  const res = await api("/api/auth/sessions", { cookie });
  expect(res.status).toBe(200);
  return (await res.json<{ sessions: { browser: string | null; os: string | null; screen: string | null }[] }>()).sessions;
}

describe("device data per session: browser type, operating system and screen resolution, nothing more", () => {
  it("rounds a screen to the nearest 100 px and refuses what is not a plausible WxH", () => {
    expect(bucketScreen(1920, 1080)).toBe("1900x1100");
    expect(bucketScreen(390, 844)).toBe("400x800");
    expect(bucketScreen(20, 30)).toBe("100x100");
    expect(parseScreen("2560x1440")).toBe("2600x1400");
    for (const bad of [undefined, "", "wide", "1920*1080", "0x0", "99999x1", "1920x1080x1", "1920x1080; path=/"])
      expect(parseScreen(bad)).toBeNull();
  });

  it("keeps what sign-up sends, bucketed, and what a refresh sends next; a bad header is ignored, never refused", async () => {
    const email = `device-${crypto.randomUUID()}@example.com`;
    const signup = await api("/api/auth/signup", {
      method: "POST",
      ip: randomIp(),
      headers: { "User-Agent": CHROME_LINUX, "Ausar-Screen": "1917x1083" },
      json: { email, name: "Dev Ice", password: TEST_PASSWORD, ageConfirmed: true, acceptPolicies: true },
    });
    expect(signup.status).toBe(201);
    const cookie = cookiesFrom(signup);
    expect(await devices(cookie)).toEqual([expect.objectContaining({ browser: "Chrome", os: "Linux", screen: "1900x1100" })]);

    // Refresh from the same session after the browser changed and the window moved to another screen.
    const moved = await api("/api/auth/refresh", {
      method: "POST",
      cookie,
      headers: { "User-Agent": FIREFOX_WINDOWS, "Ausar-Screen": "2560x1440" },
    });
    expect(moved.status).toBe(200);
    const after = cookiesFrom(moved, cookie);
    expect(await devices(after)).toEqual([expect.objectContaining({ browser: "Firefox", os: "Windows", screen: "2600x1400" })]);

    // A refresh without the header (or with nonsense) keeps the known screen.
    const again = await api("/api/auth/refresh", {
      method: "POST",
      cookie: after,
      headers: { "User-Agent": FIREFOX_WINDOWS, "Ausar-Screen": "a lot" },
    });
    expect(again.status).toBe(200);
    expect(await devices(cookiesFrom(again, after))).toEqual([expect.objectContaining({ screen: "2600x1400" })]);

    const login = await api("/api/auth/login", {
      method: "POST",
      ip: randomIp(),
      headers: { "Ausar-Screen": "garbage" },
      json: { email, password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
    const sessions = await devices(cookiesFrom(login));
    expect(sessions).toHaveLength(2);
    expect(sessions.map((s) => s.screen).sort()).toEqual(["2600x1400", null]);
  });
});
