import type { UserView } from "../../../shared/auth";
import { CardIcon, ChatIcon, ClockIcon, GridIcon, ShieldIcon, SparklesIcon, UserIcon } from "../components/icons";
import { ROUTES } from "../router/routes";

export interface NavItem {
  href: string;
  label: string;
  icon: typeof SparklesIcon;
}

const MAIN: NavItem[] = [
  { href: "/create", label: "Create", icon: SparklesIcon },
  { href: "/gallery", label: "Gallery", icon: GridIcon },
  { href: "/history", label: "History", icon: ClockIcon },
  { href: "/billing", label: "Billing", icon: CardIcon },
  { href: "/account", label: "Account", icon: UserIcon },
  // Sixth: phones show the first five in the tab bar and reach Support from the account menu.
  { href: "/support", label: "Support", icon: ChatIcon },
];

/** The shell's navigation for this person; Admin shows for staff once an `/admin` page exists. */
export function navItems(role: UserView["role"]): NavItem[] {
  const hasAdmin = ROUTES.some((route) => route.path === "/admin");
  return role !== "user" && hasAdmin ? [...MAIN, { href: "/admin", label: "Admin", icon: ShieldIcon }] : MAIN;
}

/** Whether `href` is the current section (so `/gallery/123` still marks Gallery). */
export function isCurrent(href: string, path: string): boolean {
  return path === href || path.startsWith(`${href}/`);
}
