import type { EmailSender } from "./sender";

/** Resend's send endpoint; Postmark-style APIs differ only in field names. */
export const RESEND_ENDPOINT = "https://api.resend.com/emails";

/**
 * Production delivery through an HTTP email API (Resend's JSON shape: from, to[], subject,
 * text, html; Bearer key). A non-2xx answer throws so the caller's log shows the failure.
 */
export function httpEmailSender(options: { apiKey: string; from: string; endpoint?: string; fetch?: typeof fetch }): EmailSender {
  const send = options.fetch ?? fetch;
  return {
    async send(message) {
      const res = await send(options.endpoint ?? RESEND_ENDPOINT, {
        method: "POST",
        headers: { Authorization: `Bearer ${options.apiKey}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          from: options.from,
          to: [message.to],
          subject: message.subject,
          text: message.text,
          html: message.html,
          ...(message.headers && { headers: message.headers }),
        }),
      });
      if (!res.ok) throw new Error(`Email API answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    },
  };
}
