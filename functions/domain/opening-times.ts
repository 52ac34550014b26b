import type { OpeningTimes } from "./directory";
import { DAYS } from "./vocabulary";

const DAY_ORDER = Object.keys(DAYS);

/** "9am", "5:30pm", "12pm". */
function clock(hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(":").map(Number);
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m ? `:${String(m).padStart(2, "0")}` : ""}${h < 12 ? "am" : "pm"}`;
}

/** "Monday to Friday, 9am to 5pm": three or more days in a row read as a range. */
export function describeOpeningTimes(times: OpeningTimes): string {
  const days = [...times.days].sort((a, b) => DAY_ORDER.indexOf(a) - DAY_ORDER.indexOf(b));
  const consecutive = days.length > 2 && days.every((d, i) => i === 0 || DAY_ORDER.indexOf(d) === DAY_ORDER.indexOf(days[i - 1]!) + 1);
  const dayText =
    days.length === 7
      ? "Every day"
      : consecutive
        ? `${DAYS[days[0]!]} to ${DAYS[days[days.length - 1]!]}`
        : days.map((d) => DAYS[d]).join(", ");
  return `${dayText}, ${clock(times.opens)} to ${clock(times.closes)}`;
}
