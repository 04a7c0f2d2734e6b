import type { Child } from "hono/jsx";
import { Toasts } from "../components/toasts";
import { BrandLink, SkipLink } from "./layout-parts";

/** Sign-up, sign-in and the email-link pages: one centred card, the brand above, policies below. */
export function AuthLayout(props: { children: Child }) {
  return (
    <div class="auth">
      <SkipLink />
      <BrandLink href="/" label="Ausar home" class="auth-brand" />
      <main id="main" class="auth-card" tabindex={-1}>
        {props.children}
      </main>
      <nav class="auth-links" aria-label="Legal">
        <a href="/privacy">Privacy</a>
        <a href="/terms">Terms</a>
      </nav>
      <Toasts />
    </div>
  );
}
