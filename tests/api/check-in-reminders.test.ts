import { describe, expect, it } from "vitest";
import { requestRepository } from "../../functions/db/requests";
import { staffRepository } from "../../functions/db/staff";
import { memoryOutbox } from "../../functions/email/outbox";
import { checkInRemindersFeature, OVERDUE_CHECK_INS_EMAIL } from "../../functions/features/check-in-reminders";
import { EXAMPLE_ORGANISATIONS } from "../../functions/local/seed";
import { memoryLogger } from "../../functions/log";
import { aRequest, HARBOUR_YOUNG_PEOPLE, newKey } from "../support/requests";
import { createStaff, startSession } from "../support/staff";
import { staffApp } from "../support/staff-api";

/** The daily reminder of overdue check-ins (features/check-in-reminders.ts), on DynamoDB Local. */

const WEEK = 7 * 24 * 60 * 60 * 1000;
const OTHER_ORGANISATION = EXAMPLE_ORGANISATIONS.find((o) => o.id !== HARBOUR_YOUNG_PEOPLE.organisationId)!.id;

describe("the daily reminder of overdue check-ins", () => {
  it("tells each manager of an organisation with someone overdue how many, and nobody else, in words that say nothing of the support", async () => {
    const env = await staffApp();
    const manager = await createStaff(env.db, [{ role: "manager", organisationId: HARBOUR_YOUNG_PEOPLE.organisationId }]);
    const secondManager = await createStaff(env.db, [{ role: "manager", organisationId: HARBOUR_YOUNG_PEOPLE.organisationId }]);
    await createStaff(env.db, [{ role: "worker", organisationId: HARBOUR_YOUNG_PEOPLE.organisationId }]);
    await createStaff(env.db, [{ role: "manager", organisationId: OTHER_ORGANISATION }]);
    const token = await startSession(env.db, manager.account.id, env.clock.now);
    // Three people on the waiting list, checked in with every 2 weeks; one more not waiting.
    for (let i = 0; i < 4; i++) {
      const ids = [HARBOUR_YOUNG_PEOPLE.id];
      const sent = await env.call("POST", "/api/requests", { body: aRequest({ serviceIds: ids, consentServiceIds: ids }), headers: { "Idempotency-Key": newKey() } });
      expect(sent.status).toBe(201);
      if (i === 3) continue;
      const acted = await env.call("POST", `/api/staff/inbox/${sent.json.reference}/${HARBOUR_YOUNG_PEOPLE.id}/actions`, { token, body: { action: "wait", expectedWaitWeeks: 6 } });
      expect(acted.status).toBe(200);
    }
    const outbox = memoryOutbox();
    const reminders = (now: number) =>
      checkInRemindersFeature({ requests: requestRepository(env.db), staff: staffRepository(env.db), mailer: outbox, siteOrigin: "https://onedoor.example.org", now: () => now, log: memoryLogger() });

    // Not yet due: nothing is sent.
    expect(await reminders(env.clock.now + WEEK).sendDaily()).toEqual({ organisations: 0, emails: 0 });
    expect(outbox.sent).toEqual([]);

    // Three weeks on, all three are owed one.
    expect(await reminders(env.clock.now + 3 * WEEK).sendDaily()).toEqual({ organisations: 1, emails: 2 });
    expect(outbox.sent.map((m) => m.to).sort()).toEqual([manager.account.email, secondManager.account.email].sort());
    for (const mail of outbox.sent) {
      expect(mail.subject).toBe(OVERDUE_CHECK_INS_EMAIL.subject);
      expect(mail.text).toBe("3 people on your waiting lists are due a check-in.\n\nSign in to see who: https://onedoor.example.org/staff/inbox/\n");
      expect(`${mail.subject} ${mail.text}`).not.toMatch(/abuse|sexual|assault|harm|Harbour|young people/i);
    }
  }, 60_000);

  it("says '1 person … is' for one", () => {
    expect(OVERDUE_CHECK_INS_EMAIL.text(1, "http://localhost")).toMatch(/^1 person on your waiting lists is due a check-in\./);
  });
});
