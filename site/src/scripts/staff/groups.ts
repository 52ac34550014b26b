import type { Area, Organisation } from "../../../../functions/domain/directory";
import { getJson, showApiError } from "../api";
import { byId, el } from "../dom";
import { getStaff, sendStaff } from "./api";
import { clearAllErrors, onSubmit, textOf } from "./form";
import { reportHref, STATE_WORDS, stateTagClass, type Group, type Report, type Theme } from "./group-words";
import { formatDate, showContent, showLoadError, showNoAccess, showSuccess, startStaffPage } from "./page";
import { mayEver, type Me } from "./session";

const MESSAGES = {
  name: "Give the group a name, in at most 100 characters.",
  areaId: "Choose the area the group meets in.",
  description: "Say in a sentence what the group is, in at most 500 characters.",
  organisationId: "Choose the organisation that runs the group.",
  label: "Write the theme in a few words, at most 60 characters.",
};

function reportItem(groupId: string, r: Report): HTMLLIElement {
  const when = formatDate(`${r.date}T12:00:00Z`);
  return el(
    "li",
    { class: "card" },
    el("h4", {}, `Session on ${when}`),
    el("p", {}, el("span", { class: stateTagClass(r.state) }, STATE_WORDS[r.state])),
    el("p", {}, `${r.participants} ${r.participants === 1 ? "person" : "people"} took part.`),
    r.state === "rejected" && r.decided?.reason ? el("p", {}, el("strong", {}, "Why it was sent back: "), r.decided.reason) : null,
    r.state === "draft"
      ? el("p", {}, el("a", { href: reportHref(groupId, r.id) }, "Change or send this draft", el("span", { class: "visually-hidden" }, ` from ${when}`)))
      : r.state === "rejected"
        ? el("p", {}, el("a", { href: reportHref(groupId, r.id) }, "Change it and send it again", el("span", { class: "visually-hidden" }, ` (session on ${when})`)))
        : r.state === "pending"
          ? el("p", { class: "hint" }, "Nobody else reads it until a moderator approves it.")
          : el("p", { class: "hint" }, `Approved${r.decided?.at ? ` on ${formatDate(r.decided.at)}` : ""}: the services and commissioners it is for can read it now.`),
  );
}

/** A facilitator's group: what it is, "Record a session", and its reports, newest first. */
async function myGroupItem(group: Group): Promise<HTMLLIElement> {
  const result = await getStaff<{ reports: Report[] }>(`/api/staff/groups/${encodeURIComponent(group.id)}/reports`);
  const reports = result.ok ? [...result.data.reports].sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt)) : [];
  return el(
    "li",
    { class: "card" },
    el("h3", {}, group.name),
    el("p", {}, group.description),
    el("p", {}, el("a", { class: "button", href: reportHref(group.id) }, "Record a session", el("span", { class: "visually-hidden" }, ` of ${group.name}`))),
    !result.ok
      ? el("p", {}, result.error.message)
      : reports.length
        ? el("ul", { class: "staff-list", "aria-label": `Sessions of ${group.name}` }, ...reports.map((r) => reportItem(group.id, r)))
        : el("p", { class: "muted" }, "No sessions recorded yet."),
  );
}

function groupItem(group: Group, areas: Map<string, string>, organisations: Map<string, string>): HTMLLIElement {
  return el(
    "li",
    { class: "card" },
    el("h3", {}, group.name),
    el("p", {}, group.description),
    el("p", { class: "hint" }, `${areas.get(group.areaId) ?? group.areaId} · run by ${organisations.get(group.organisationId) ?? "an organisation"}`),
  );
}

const option = (value: string, label: string) => el("option", { value }, label);

async function startAdmin(groups: Group[]): Promise<void> {
  const [areas, organisations, themes] = await Promise.all([
    getJson<{ areas: Area[] }>("/api/areas"),
    getStaff<{ organisations: Organisation[] }>("/api/staff/organisations"),
    getStaff<{ themes: Theme[] }>("/api/staff/themes"),
  ]);
  const areaList = areas.ok ? areas.data.areas : [];
  const orgList = organisations.ok ? [...organisations.data.organisations].sort((a, b) => a.name.localeCompare(b.name, "en-GB")) : [];
  const areaNames = new Map(areaList.map((a) => [a.id, a.name]));
  const orgNames = new Map(orgList.map((o) => [o.id, o.name]));
  byId("areaId").replaceChildren(option("", "Choose an area"), ...areaList.map((a) => option(a.id, a.name)));
  byId("organisationId").replaceChildren(option("", "Choose an organisation"), ...orgList.map((o) => option(o.id, o.name)));

  const list = byId("all-groups");
  const show = (all: Group[]) => {
    list.replaceChildren(...[...all].sort((a, b) => a.name.localeCompare(b.name, "en-GB")).map((g) => groupItem(g, areaNames, orgNames)));
    byId("all-empty").hidden = all.length > 0;
  };
  show(groups);
  let themeCount = themes.ok ? themes.data.themes.length : 0;
  const count = () => (byId("theme-count").textContent = `There are ${themeCount} themes now.`);
  count();

  const form = byId<HTMLFormElement>("add-form");
  const done = byId("add-done");
  onSubmit(form, async () => {
    done.hidden = true;
    const result = await sendStaff<{ group: Group }>("POST", "/api/staff/groups", {
      name: textOf(form, "name"),
      areaId: textOf(form, "areaId"),
      description: textOf(form, "description"),
      organisationId: textOf(form, "organisationId"),
    });
    if (!result.ok) {
      // The API asks for an area's code; here the area is chosen from a list, so say that instead.
      const fields = result.error.fields.map((f) => (f.field === "areaId" ? { ...f, message: MESSAGES.areaId } : f));
      showApiError(form, { ...result.error, fields }, { messages: MESSAGES });
      return;
    }
    clearAllErrors();
    form.reset();
    groups = [...groups, result.data.group];
    show(groups);
    showSuccess(
      done,
      "Group set up",
      el("p", {}, `${result.data.group.name} is now in the list above. To give someone the facilitator role for it, invite them from Staff and roles.`),
    );
  });

  const themeForm = byId<HTMLFormElement>("theme-form");
  const themeDone = byId("theme-done");
  onSubmit(themeForm, async () => {
    themeDone.hidden = true;
    const result = await sendStaff<{ theme: Theme }>("POST", "/api/staff/themes", { label: textOf(themeForm, "label") });
    if (!result.ok) {
      showApiError(themeForm, result.error, { messages: MESSAGES });
      return;
    }
    clearAllErrors();
    themeForm.reset();
    themeCount += 1;
    count();
    showSuccess(themeDone, "Theme added", el("p", {}, `Facilitators can now choose “${result.data.theme.label}” for a session.`));
  });
  byId("admin-section").hidden = false;
}

async function startFacilitator(me: Me, groups: Group[]): Promise<void> {
  const mine = new Set(me.grants.flatMap((g) => (g.role === "facilitator" && g.groupId ? [g.groupId] : [])));
  const own = groups.filter((g) => mine.has(g.id));
  byId("my-groups").replaceChildren(...(await Promise.all(own.map(myGroupItem))));
  byId("mine-empty").hidden = own.length > 0;
  byId("facilitator-section").hidden = false;
}

/** Groups: admins see every group and set them up; facilitators see their own and each session's report. */
export function startGroups(): Promise<void> {
  return startStaffPage(async (me) => {
    if (!mayEver(me, "group.list")) {
      showNoAccess();
      return;
    }
    const result = await getStaff<{ groups: Group[] }>("/api/staff/groups");
    if (!result.ok) {
      showLoadError(result.status, result.error);
      return;
    }
    if (mayEver(me, "group_report.write")) await startFacilitator(me, result.data.groups);
    if (mayEver(me, "group.create")) await startAdmin(result.data.groups);
    showContent();
  });
}
