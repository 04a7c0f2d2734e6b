import type { Child } from "hono/jsx";
import { LogoMark } from "../components/icons";
import { Toasts } from "../components/toasts";
import { PolicyPrompt } from "../features/policy-consent/policy-prompt";
import { useUnreadCount } from "../features/support/unread";
import type { SessionState } from "../lib/session";
import { AccountMenu } from "./account-menu";
import { CreditPill } from "./credit-pill";
import { BrandLink, SkipLink, UnreadBadge } from "./layout-parts";
import { isCurrent, navItems } from "./nav";
import { VerifyBanner } from "./verify-banner";

/** The signed-in app: sidebar (desktop) or tab bar (phones), header with credits and account menu. */
export function AppShell(props: { session: SessionState; path: string; children: Child }) {
  const signedIn = props.session.status === "signed-in" ? props.session : null;
  const items = navItems(signedIn?.user.role ?? "user");
  const current = (href: string) => (isCurrent(href, props.path) ? "page" : undefined);
  const unread = useUnreadCount(signedIn !== null);
  return (
    <div class="shell">
      <SkipLink />
      <aside class="sidebar">
        <BrandLink href="/create" label="Ausar, go to Create" />
        <nav aria-label="Main">
          <ul class="side-nav">
            {items.map(({ href, label, icon: Icon }) => (
              <li key={href}>
                <a class="side-link" href={href} aria-current={current(href)}>
                  <Icon size={20} />
                  <span>{label}</span>
                  {href === "/support" ? <UnreadBadge count={unread} /> : null}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="sidebar-foot">
          <a href="/privacy">Privacy</a>
          <a href="/terms">Terms</a>
        </div>
      </aside>
      <header class="header-bar topbar">
        <a class="brand brand-compact" href="/create" aria-label="Ausar, go to Create">
          <LogoMark size={24} />
        </a>
        <div class="topbar-end">
          <CreditPill credits={signedIn?.credits ?? null} />
          {signedIn ? <AccountMenu user={signedIn.user} unread={unread} /> : <span class="avatar skeleton" aria-hidden="true" />}
        </div>
      </header>
      <main id="main" class="main" tabindex={-1}>
        <div class="main-inner">
          {signedIn ? <VerifyBanner user={signedIn.user} /> : null}
          {signedIn ? <PolicyPrompt user={signedIn.user} path={props.path} /> : null}
          {props.children}
        </div>
      </main>
      <nav class="tabbar" aria-label="Main">
        {items.slice(0, 5).map(({ href, label, icon: Icon }) => (
          <a key={href} class="tab-link" href={href} aria-current={current(href)}>
            <Icon size={22} />
            <span>{label}</span>
          </a>
        ))}
      </nav>
      <Toasts />
    </div>
  );
}
