import { LogoMark } from "../components/icons";

/** The first tab stop of every layout: jumps past the navigation to `<main id="main">`. */
export function SkipLink() {
  return (
    <a class="skip-link" href="#main">
      Skip to content
    </a>
  );
}

/** The logo and name, linking to where the layout's home is. */
export function BrandLink(props: { href: string; label: string; class?: string }) {
  return (
    <a class={props.class ? `brand ${props.class}` : "brand"} href={props.href} aria-label={props.label}>
      <LogoMark />
      <span class="brand-name">Ausar</span>
    </a>
  );
}

/** The count of support threads with an unread reply, beside a Support link; nothing when there are none. */
export function UnreadBadge(props: { count: number | null }) {
  if (!props.count) return null;
  return (
    <span class="nav-badge" data-testid="support-unread">
      {props.count}
      <span class="visually-hidden"> unread {props.count === 1 ? "reply" : "replies"}</span>
    </span>
  );
}
