/** Dates as OneDoor's pages show them: UK time, words a person reads easily. */

const dateTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
const dateOnly = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const relative = new Intl.RelativeTimeFormat("en-GB", { numeric: "auto" });

/** "22 Nov 2026, 05:23". */
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));

/** "3 March 2026". */
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));

/** "just now", "2 hours ago", "yesterday", "3 days ago". */
export function ago(iso: string, now = Date.now()): string {
  const minutes = Math.round((now - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return relative.format(-minutes, "minute");
  if (minutes < 60 * 24) return relative.format(-Math.round(minutes / 60), "hour");
  return relative.format(-Math.round(minutes / (60 * 24)), "day");
}
