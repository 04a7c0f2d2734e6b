import type { UsageFeature, UsagePage } from "../../../../shared/usage";

const LABELS: Partial<Record<UsagePage | UsageFeature, string>> = {
  "/": "Home",
  "/create": "Create",
  "/gallery": "Gallery",
  "/gallery/:id": "A gallery item",
  "/history": "History",
  "/billing": "Billing",
  "/credits": "Credits",
  "/account": "Account",
  "/account/developers": "Developers",
  "/account/usage": "Your usage",
  "/support": "Support",
  "/support/:id": "A support request",
  "/docs/api": "API reference",
  "/verify": "Check a file",
  "/admin": "Admin",
  "/admin/:section": "Admin section",
  "/admin/:section/:item": "Admin item",
  generate: "Generate",
  upload: "Upload",
  share: "Share",
  export: "Export",
  favourite: "Favourite",
  download: "Download",
};

/** How the usage page names a counted page or feature (its own name where none is given). */
export function eventLabel(name: string): string {
  return Object.hasOwn(LABELS, name) ? LABELS[name as UsagePage | UsageFeature]! : name;
}
