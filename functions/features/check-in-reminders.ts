import type { RequestRepository } from "../db/requests";
import type { StaffRepository } from "../db/staff";
import { isCheckInOverdue } from "../domain/route";
import type { Mailer } from "../email/mailer";
import type { Logger } from "../log";

/**
 * The daily email to each organisation's managers when people on its waiting lists are owed a
 * check-in (stacks/reminders.ts). Like every OneDoor email it says nothing of what the support
 * is for and names no one and no service (a service's name can say what it helps with): only
 * how many, and where to sign in. An organisation with nobody overdue gets nothing.
 */
export const OVERDUE_CHECK_INS_EMAIL = {
  subject: "People are waiting to hear from you in OneDoor",
  text: (count: number, origin: string) =>
    `${count === 1 ? "1 person" : `${count} people`} on your waiting lists ${count === 1 ? "is" : "are"} due a check-in.\n\nSign in to see who: ${origin}/staff/inbox/\n`,
};

type Deps = { requests: RequestRepository; staff: StaffRepository; mailer: Mailer; siteOrigin: string; now: () => number; log: Logger };

export function checkInRemindersFeature({ requests, staff, mailer, siteOrigin, now, log }: Deps) {
  return {
    /** Sends the day's reminders: one email to each manager of each organisation with someone overdue. */
    async sendDaily(): Promise<{ organisations: number; emails: number }> {
      const managers = new Map<string, string[]>();
      for (const account of await staff.listAccounts()) {
        for (const grant of account.grants) {
          if (grant.role !== "manager" || !grant.organisationId) continue;
          managers.set(grant.organisationId, [...(managers.get(grant.organisationId) ?? []), account.email]);
        }
      }
      let organisations = 0;
      let emails = 0;
      for (const [organisationId, to] of managers) {
        const overdue = (await requests.inbox(organisationId, true)).filter((route) => isCheckInOverdue(route, now())).length;
        if (!overdue) continue;
        organisations++;
        const sent = await Promise.allSettled(to.map((email) => mailer.send({ to: email, subject: OVERDUE_CHECK_INS_EMAIL.subject, text: OVERDUE_CHECK_INS_EMAIL.text(overdue, siteOrigin) })));
        emails += sent.filter((s) => s.status === "fulfilled").length;
        const failed = sent.length - sent.filter((s) => s.status === "fulfilled").length;
        if (failed) log({ level: "warn", event: "reminder.failed", code: `${failed} of ${sent.length}` });
      }
      return { organisations, emails };
    },
  };
}
