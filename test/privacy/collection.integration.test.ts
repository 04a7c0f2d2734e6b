import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { appTables, columnsOf, rowsMentioning } from "./support";

const ip = "10.91.5.1";
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 ScreenRes/2560x1440";

/** Everything Cloudflare can tell about where a request comes from, as headers and as `request.cf`. */
const LOCATION = { city: "Gdansk-Oliwa", latitude: "54.41157", longitude: "18.56262", postalCode: "80-309", region: "Pomorskie-Test" };

function send(path: string, body: unknown, cookie?: string) {
  const headers = new Headers({
    "User-Agent": USER_AGENT,
    "CF-Connecting-IP": ip,
    "CF-IPCity": LOCATION.city,
    "CF-IPLatitude": LOCATION.latitude,
    "CF-IPLongitude": LOCATION.longitude,
    "CF-Postal-Code": LOCATION.postalCode,
    "CF-Region": LOCATION.region,
    // What the web app sends at sign-in: the screen, rounded in the browser; the server rounds again.
    "Ausar-Screen": "2563x1437",
  });
  if (cookie) headers.set("Cookie", cookie);
  if (body !== undefined) headers.set("Content-Type", "application/json");
  const cf = { ...LOCATION, country: "PL", timezone: "Europe/Warsaw" };
  const init = { method: body === undefined ? "GET" : "POST", headers, body: body === undefined ? undefined : JSON.stringify(body), cf };
  return exports.default.fetch(new Request(`http://localhost${path}`, init as RequestInit));
}

describe("what is collected automatically", () => {
  it("P10: no precise geolocation is stored, whatever the request carries", async () => {
    const email = `geo-${crypto.randomUUID()}@example.com`;
    const password = "correct-horse-battery-staple-42";
    const signup = await send("/api/auth/signup", { email, password, name: "Geo Test", ageConfirmed: true, acceptPolicies: true });
    expect(signup.status).toBe(201);
    const login = await send("/api/auth/login", { email, password });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    expect((await send("/api/me", undefined, cookie)).status).toBe(200);
    expect((await send("/api/account/consents", undefined, cookie)).status).toBe(200);

    expect(await rowsMentioning(LOCATION.city, LOCATION.latitude, LOCATION.longitude, LOCATION.postalCode, LOCATION.region)).toEqual({});
  });

  it("P10: no table has a column for location", async () => {
    const locationLike =
      /(^|_)(lat|latitude|lon|lng|longitude|city|postal|postcode|zip|geo|geolocation|region|country|timezone|location)(_|$)/;
    for (const table of await appTables()) {
      for (const column of await columnsOf(table)) expect(column, `${table}.${column}`).not.toMatch(locationLike);
    }
  });

  it("P2: no table has a column for card details", async () => {
    const cardLike = /(^|_)(card|pan|cvc|cvv|iban|last4|expiry|exp_month|exp_year)(_|$)/;
    for (const table of await appTables()) {
      for (const column of await columnsOf(table)) expect(column, `${table}.${column}`).not.toMatch(cardLike);
    }
  });

  it("P6: device data is the browser, the operating system and the screen to the nearest 100 px only", async () => {
    expect((await columnsOf("sessions")).sort()).toEqual(
      [
        "browser",
        "created_at",
        "expires_at",
        "id",
        "last_used_at",
        "os",
        "revoke_reason",
        "revoked_at",
        "screen",
        "second_factor_at",
        "user_id",
      ].sort(),
    );
    // No other table keeps anything device-like (sessions.screen is the one allowed).
    const deviceLike = /(user_?agent|screen|resolution|fingerprint|device|ip_?address|(^|_)ip($|_))/;
    for (const table of await appTables()) {
      for (const column of await columnsOf(table)) {
        if (table !== "sessions" || column !== "screen") expect(column, `${table}.${column}`).not.toMatch(deviceLike);
      }
    }
    const email = `ua-${crypto.randomUUID()}@example.com`;
    const res = await send("/api/auth/signup", {
      email,
      password: "correct-horse-battery-staple-42",
      name: "UA Test",
      ageConfirmed: true,
      acceptPolicies: true,
    });
    const { user } = await res.json<{ user: { id: string } }>();
    const found = await rowsMentioning(user.id);
    expect(found.sessions).toEqual([expect.objectContaining({ browser: "Firefox", os: "Linux", screen: "2600x1400" })]);
    // The raw User-Agent (with its screen size) and the exact screen are never stored.
    expect(await rowsMentioning("rv:128.0", "2560x1440", "2563x1437")).toEqual({});
  });
});
