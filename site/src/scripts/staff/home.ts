import type { Action } from "../../../../functions/domain/policy";
import { byId, el } from "../dom";
import { signOutButton } from "./sign-out";
import { showContent, startStaffPage } from "./page";
import { describeGrant, loadNames, mayEver } from "./session";

/** The staff area's sections, each shown to the roles the policy lets use it. */
export const SECTIONS: { href: string; name: string; about: string; action: Action }[] = [
  { href: "/staff/inbox/", name: "Inbox", about: "Requests for support sent to your organisation's services.", action: "route.list" },
  { href: "/staff/coordination/", name: "Coordination", about: "For people in your area who said yes: every service involved and its stage.", action: "coordination.list" },
  { href: "/staff/moderation/", name: "Moderation", about: "Read feedback before anyone else does, remove what could identify someone, then approve or reject it.", action: "feedback.moderate" },
  { href: "/staff/feedback/", name: "Feedback", about: "What people said about services, once a moderator has approved it.", action: "feedback.read" },
  { href: "/staff/group-reports/", name: "Group reports", about: "What contributors' groups said to your organisation or area, once a moderator has approved it, and the answers.", action: "group_report.read" },
  { href: "/staff/insights/", name: "Insights", about: "For your area, by quarter: who asks, how long they wait, what is missing, who is not reached, and what people said.", action: "insights.read" },
  { href: "/staff/groups/", name: "Groups", about: "Contributors' groups: set them up, or record your group's sessions and send them to moderation.", action: "group.list" },
  { href: "/staff/organisations/", name: "Organisations", about: "Add and change the organisations that run services.", action: "organisation.list" },
  { href: "/staff/services/", name: "Services", about: "Keep services' details, waits and status up to date.", action: "service.list" },
  { href: "/staff/areas/", name: "Areas", about: "Local authority areas and the postcode districts in each.", action: "area.list" },
  { href: "/staff/people/", name: "Staff and roles", about: "Invite people, change their roles, or remove their access.", action: "staff.list" },
  { href: "/staff/audit/", name: "Audit log", about: "Who did what in the staff area, and when.", action: "audit.read" },
  { href: "/staff/subject-access/", name: "Subject access export", about: "Everything OneDoor holds about one request, for the person who asked.", action: "request.export" },
];

/** The staff area's home: who is signed in, their roles, and the sections they can use. */
export function startHome(): Promise<void> {
  return startStaffPage(async (me) => {
    byId("me-name").textContent = me.name;
    byId("me-email").textContent = me.email;
    const sections = SECTIONS.filter((s) => mayEver(me, s.action));
    byId("sections").replaceChildren(
      ...sections.map((s) => el("li", {}, el("a", { href: s.href }, s.name), el("span", { class: "hint" }, s.about))),
    );
    byId("no-sections").hidden = sections.length > 0;
    signOutButton(byId<HTMLButtonElement>("sign-out"), "/api/staff/sign-out", "out");
    const names = await loadNames(me);
    byId("me-roles").replaceChildren(...me.grants.map((g) => el("li", {}, describeGrant(g, names))));
    showContent();
  });
}
