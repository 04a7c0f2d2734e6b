// What the Chromium benchmarks share: a verified person signed in to a browser context, and the
// page's layout shifts (the CLS rule: shifts without recent input) within given time windows.
import { verifyEmail } from "./verify-email.mjs";

/** Signs `email` up in `context` (its pages then share the session) and confirms the address. */
export async function signUpVerifiedIn(context, url, email) {
  const signup = await context.request.post(`${url}/api/auth/signup`, {
    data: { name: "Bench", email, password: "quiet-lantern-orbit-7204", ageConfirmed: true, acceptPolicies: true },
  });
  if (signup.status() !== 201) throw new Error(`sign-up ${signup.status()}: ${await signup.text()}`);
  await verifyEmail(url, email);
}

/** Starts recording the page's layout shifts, with what moved (`buffered`: also those before now). */
export async function watchLayoutShifts(page, { buffered }) {
  await page.evaluate((buffered) => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__shifts.push({
          at: e.startTime,
          value: e.value,
          input: e.hadRecentInput,
          what: e.sources
            .map(
              (x) =>
                `${x.node?.className || x.node?.nodeName} ${Math.round(x.previousRect.x)},${Math.round(x.previousRect.y)}→${Math.round(x.currentRect.x)},${Math.round(x.currentRect.y)}`,
            )
            .join(" | "),
        });
      }
    }).observe({ type: "layout-shift", buffered });
  }, buffered);
}

/**
 * The recorded shifts without recent input inside any `{ from, to }` window (page clock, + 500 ms after
 * each), their sum (CLS), and, with `--sources`, what moved printed for the first `list` of them.
 */
export async function layoutShiftsIn(page, windows, list) {
  const shifts = (await page.evaluate(() => window.__shifts)).filter(
    (e) => !e.input && windows.some((w) => e.at >= w.from && e.at <= w.to + 500),
  );
  if (process.argv.includes("--sources"))
    console.log(
      shifts
        .slice(0, list)
        .map((e) => e.what)
        .join("\n"),
    );
  return { cls: shifts.reduce((sum, e) => sum + e.value, 0), count: shifts.length };
}
