/** The same moment `months` calendar months before `now` (UTC): where a retention period in months ends. */
export function monthsBefore(now: number, months: number): number {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}
