import { Resource } from "sst";
import { createDatabase } from "./db/client";
import { requestRepository } from "./db/requests";
import { staffRepository } from "./db/staff";
import { siteOriginFromEnvironment } from "./domain/site-origin";
import { sesMailer } from "./email/ses";
import { checkInRemindersFeature } from "./features/check-in-reminders";
import { jsonLogger } from "./log";

/** What `link` in `stacks/reminders.ts` gives this function (see handler.ts). */
const linked = Resource as unknown as { Table: { name: string }; MailFrom: { value: string } };

const db = createDatabase({ tableName: linked.Table.name });
const reminders = checkInRemindersFeature({
  requests: requestRepository(db),
  staff: staffRepository(db),
  mailer: sesMailer(linked.MailFrom.value),
  siteOrigin: siteOriginFromEnvironment().origin,
  now: Date.now,
  log: jsonLogger,
});

/** The daily reminder of overdue check-ins to each organisation's managers (stacks/reminders.ts). */
export const handler = async () => {
  const sent = await reminders.sendDaily();
  jsonLogger({ level: "info", event: "reminders.sent", code: `${sent.emails} to ${sent.organisations}` });
};
