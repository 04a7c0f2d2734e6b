import type { CDPSession, Page } from "playwright-core";

/** Browsers refuse an IP address as a WebAuthn RP ID, so passkey pages open the dev server by its loopback name. */
export const passkeyOrigin = (origin: string) => origin.replace("127.0.0.1", "localhost");

/**
 * Chromium's virtual authenticator (the DevTools Protocol's WebAuthn domain) for `page`: a platform
 * passkey store whose user verification always succeeds, answering the page's WebAuthn calls itself.
 */
export async function addVirtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/** Adds a passkey on Account → Security (the page is on `/account` of a passkey origin, signed in). */
export async function addPasskeyOnAccountPage(page: Page, password: string): Promise<void> {
  const section = page.locator("#passkeys");
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await section.getByLabel("Current password").fill(password);
  await section.getByRole("button", { name: "Continue" }).click();
  await section.getByTestId("passkey").first().waitFor();
}
