/** How the pages write numbers, credits, dates and sizes, in the reader's locale. */
const number = new Intl.NumberFormat();
const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600_000],
  ["month", 30 * 24 * 3600_000],
  ["day", 24 * 3600_000],
  ["hour", 3600_000],
  ["minute", 60_000],
];

/** "1,200". */
export const formatCount = (n: number) => number.format(n);

/** "1 credit", "4 credits". */
export const formatCredits = (n: number) => `${n} ${n === 1 ? "credit" : "credits"}`;

/** A calendar date: "Mar 4, 2026". */
export const formatDate = (ms: number) => date.format(ms);

/** A date and time: "Mar 4, 2026, 3:05 PM". */
export const formatDateTime = (ms: number) => dateTime.format(ms);

/** "3 minutes ago", "yesterday"; anything under a minute is "just now". */
export function formatRelative(ms: number, now = Date.now()): string {
  const diff = ms - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return relative.format(Math.round(diff / size), unit);
  }
  return "just now";
}

/** "820 KB", "12.4 MB", "1.20 GB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
