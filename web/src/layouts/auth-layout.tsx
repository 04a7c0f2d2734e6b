import type { Child } from "hono/jsx";
import { LogoMark } from "../components/icons";
import { Toasts } from "../components/toasts";

/** Sign-up, sign-in and the email-link pages: one centred card, the brand above, policies below. */
export function AuthLayout(props: { children: Child }) {
  return (
    <div class="auth">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <a class="brand auth-brand" href="/" aria-label="Ausar home">
        <LogoMark />
        <span class="brand-name">Ausar</span>
      </a>
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
