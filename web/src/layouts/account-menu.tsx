import { useEffect, useRef, useState } from "hono/jsx/dom";
import type { UserView } from "../../../shared/auth";
import { ChatIcon, ChevronDownIcon, LogOutIcon, UserIcon } from "../components/icons";
import { ThemeToggle } from "../components/theme-toggle";
import { signOut } from "../lib/session";
import { toast } from "../lib/toasts";
import { navigate } from "../router/history";
import { UnreadBadge } from "./layout-parts";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase() || "?";
}

/** Signs out and goes to the sign-in page; failures (offline) stay on the page and say so. */
export async function signOutAndLeave(everywhere = false): Promise<void> {
  try {
    await signOut(everywhere);
    navigate("/login", { replace: true });
  } catch {
    toast({ tone: "error", title: "Could not sign out", body: "Check your connection and try again." });
  }
}

/**
 * The header's account button: a disclosure with the person's name, Account, Support, theme and
 * Sign out. A dot on the avatar says a support reply is unread (phones have no Support tab).
 */
export function AccountMenu(props: { user: UserView; unread: number | null }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    // A click or focus anywhere outside closes the menu.
    const onOutside = (event: Event) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onOutside);
    document.addEventListener("keydown", onKey);
    document.addEventListener("focusin", onOutside);
    return () => {
      document.removeEventListener("pointerdown", onOutside);
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("focusin", onOutside);
    };
  }, [open]);

  return (
    <div class="account-menu" ref={root}>
      <button
        ref={button}
        type="button"
        class="account-button"
        aria-expanded={open ? "true" : "false"}
        aria-controls="account-menu-panel"
        onClick={() => setOpen(!open)}
      >
        <span class="avatar" aria-hidden="true">
          {initials(props.user.name)}
          {props.unread ? <span class="avatar-dot" /> : null}
        </span>
        <span class="account-name">{props.user.name}</span>
        <span class="visually-hidden">Account menu{props.unread ? ", a support reply is unread" : ""}</span>
        <ChevronDownIcon size={16} />
      </button>
      <div id="account-menu-panel" class="menu-panel" hidden={!open}>
        <div class="menu-who">
          <p class="menu-name">{props.user.name}</p>
          <p class="menu-email">{props.user.email}</p>
        </div>
        <a class="menu-item" href="/account" onClick={() => setOpen(false)}>
          <UserIcon size={16} /> Account
        </a>
        <a class="menu-item" href="/support" onClick={() => setOpen(false)}>
          <ChatIcon size={16} /> Support
          <UnreadBadge count={props.unread} />
        </a>
        <div class="menu-section">
          <span class="menu-label" aria-hidden="true">
            Theme
          </span>
          <ThemeToggle compact />
        </div>
        <button type="button" class="menu-item" onClick={() => void signOutAndLeave()}>
          <LogOutIcon size={16} /> Sign out
        </button>
      </div>
    </div>
  );
}
