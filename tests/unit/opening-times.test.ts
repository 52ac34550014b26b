import { expect, test } from "vitest";
import { describeOpeningTimes } from "../../functions/domain/opening-times";

test.each([
  [{ days: ["MO", "TU", "WE", "TH", "FR"], opens: "09:00", closes: "17:00" }, "Monday to Friday, 9am to 5pm"],
  [{ days: ["SA", "SU"], opens: "10:00", closes: "16:30" }, "Saturday, Sunday, 10am to 4:30pm"],
  [{ days: ["FR", "MO", "WE"], opens: "00:00", closes: "12:00" }, "Monday, Wednesday, Friday, 12am to 12pm"],
  [{ days: ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], opens: "08:00", closes: "20:00" }, "Every day, 8am to 8pm"],
] as const)("%o reads as %s", (times, words) => {
  expect(describeOpeningTimes({ ...times, days: [...times.days] })).toBe(words);
});
