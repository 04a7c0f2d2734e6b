import type { Child } from "hono/jsx";
import { CONTACT_EMAIL } from "../../../shared/policy";
import { LogoMark } from "../components/icons";
import { ThemeToggle } from "../components/theme-toggle";
import { Toasts } from "../components/toasts";
import { BrandLink, SkipLink } from "./layout-parts";

/** Public pages: a light header (sign in / open the app) and the footer with the policies and contact. */
export function SiteLayout(props: { signedIn: boolean; children: Child }) {
  return (
    <div class="site">
      <SkipLink />
      <header class="header-bar site-header">
        <BrandLink href="/" label="Ausar home" />
        <nav class="site-nav" aria-label="Account">
          {props.signedIn ? (
            <a class="btn btn-primary btn-small" href="/create">
              Open studio
            </a>
          ) : (
            <>
              <a class="btn btn-ghost btn-small" href="/login">
                Sign in
              </a>
              <a class="btn btn-primary btn-small" href="/signup">
                Sign up
              </a>
            </>
          )}
        </nav>
      </header>
      <main id="main" class="site-main" tabindex={-1}>
        {props.children}
      </main>
      <SiteFooter />
      <Toasts />
    </div>
  );
}

/** The footer shared by the public pages. */
function SiteFooter() {
  return (
    <footer class="site-footer">
      <div class="site-footer-inner">
        <p class="footer-brand">
          <LogoMark size={20} /> Ausar
        </p>
        <nav aria-label="Legal and support" class="footer-links">
          <a href="/privacy">Privacy Policy</a>
          <a href="/terms">Terms of Service</a>
          <a href="/support">Support</a>
          <a href="/verify">Check a file</a>
          <a href={`mailto:${CONTACT_EMAIL}`}>{CONTACT_EMAIL}</a>
        </nav>
        <ThemeToggle compact />
      </div>
      <p class="footer-note">No trackers, no ads, no third-party analytics. For adults (18+).</p>
    </footer>
  );
}
