// Welcome credits arrive only once the address is confirmed: benches that spend credits confirm it
// through the development outbox, as a person would through the emailed link.

/** Confirms `email` on the local Worker at `url` with the token of its "Confirm your email" message. */
export async function verifyEmail(url, email) {
  const to = email.trim().toLowerCase();
  for (let attempt = 0; attempt < 100; attempt++) {
    const { emails } = await (await fetch(`${url}/api/dev/emails`)).json();
    const message = emails.find((e) => e.to === to && /Confirm your email/.test(e.subject));
    const token = message && /token=([A-Za-z0-9_%-]+)/.exec(message.text)?.[1];
    if (token) {
      const res = await fetch(`${url}/api/auth/verify-email`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ token: decodeURIComponent(token) }),
      });
      if (res.status !== 200) throw new Error(`verify-email ${res.status}: ${await res.text()}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no confirmation email to ${to}`);
}
