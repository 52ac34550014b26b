import { decide } from "../../../../functions/domain/policy";
import type { Grant } from "../../../../functions/domain/roles";
import type { StaffSummary } from "../../../../functions/domain/staff";
import { byId, el } from "../dom";
import { showApiError } from "../api";
import { getStaff, sendStaff } from "./api";
import { checkedOf, clearAllErrors, onSubmit, showFormErrors, textOf } from "./form";
import { grantFields } from "./grants";
import { grantKey } from "./roles";
import { formatDate, formatDateTime, showContent, showLoadError, showSuccess, startStaffPage } from "./page";
import { actorOf, describeGrant, loadNames, type Me, type Names } from "./session";

/** A grant's fields come back as `grants.organisationId`: the form has one box for each. */
const grantField = (apiField: string) => (apiField.startsWith("grants.") && apiField !== "grants.role" ? apiField.slice("grants.".length) : apiField.split(".")[0]!);

/** Whether this person may change or take away every one of these roles (as the API decides). */
const mayManage = (me: Me, grants: Grant[]) =>
  grants.every((g) => decide(actorOf(me), "staff.change_roles", { organisationId: g.organisationId, grants: [g] }) === "allow");

/** Staff and roles: the list, invites, changing roles, and removing someone (with a confirm step). */
export function startPeople(): Promise<void> {
  return startStaffPage(async (me) => {
    const list = byId("people");
    const done = byId("people-done");
    const rolesSection = byId("roles-edit");
    const rolesForm = byId<HTMLFormElement>("roles-form");
    const removeSection = byId("remove-confirm");
    const removeYes = byId<HTMLButtonElement>("remove-yes");
    const inviteForm = byId<HTMLFormElement>("invite-form");
    const inviteDone = byId("invite-done");
    let names: Names | undefined;
    let person: StaffSummary | undefined;
    let opener: HTMLElement | undefined;

    const load = async () => {
      const result = await getStaff<{ accounts: StaffSummary[] }>("/api/staff/accounts");
      if (!result.ok) {
        showLoadError(result.status, result.error);
        return false;
      }
      const accounts = [...result.data.accounts].sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
      names ??= await loadNames(me, [...new Set(accounts.flatMap((a) => a.grants.flatMap((g) => (g.organisationId ? [g.organisationId] : []))))]);
      list.replaceChildren(...accounts.map(card));
      return true;
    };

    function closePanels() {
      rolesSection.hidden = true;
      removeSection.hidden = true;
      clearAllErrors();
    }

    function open(section: HTMLElement, heading: string, account: StaffSummary, button: HTMLElement) {
      closePanels();
      done.hidden = true;
      person = account;
      opener = button;
      section.hidden = false;
      const title = section.querySelector<HTMLElement>("h2")!;
      title.textContent = heading;
      title.focus();
    }

    function card(account: StaffSummary): HTMLLIElement {
      const self = account.id === me.id;
      const actions: HTMLElement[] = [];
      if (!self && mayManage(me, account.grants)) {
        const change = el("button", { class: "button button--secondary", type: "button" }, "Change roles", el("span", { class: "visually-hidden" }, ` for ${account.name}`));
        change.addEventListener("click", () => {
          open(rolesSection, `Change ${account.name}'s roles`, account, change);
          byId("roles-keep").replaceChildren(
            ...account.grants.map((g, i) =>
              el(
                "div",
                { class: "choice" },
                el("input", { type: "checkbox", id: `keep-${i}`, name: "keep", value: grantKey(g), checked: "" }),
                el("label", { for: `keep-${i}` }, describeGrant(g, names)),
              ),
            ),
          );
          addRole.reset();
        });
        const remove = el("button", { class: "button button--secondary", type: "button" }, "Remove", el("span", { class: "visually-hidden" }, ` ${account.name}`));
        remove.addEventListener("click", () => {
          open(removeSection, `Remove ${account.name}?`, account, remove);
          removeYes.textContent = `Yes, remove ${account.name}`;
        });
        actions.push(change, remove);
      }
      return el(
        "li",
        { class: "card" },
        el("h3", { class: "staff-card-title" }, account.name, self ? " " : "", self ? el("span", { class: "tag" }, "You") : ""),
        el("p", { class: "staff-break" }, account.email),
        el("ul", {}, ...account.grants.map((g) => el("li", {}, describeGrant(g, names)))),
        el("p", { class: "muted" }, `Joined ${formatDate(account.createdAt)}`),
        actions.length ? el("div", { class: "staff-buttons" }, ...actions) : null,
      );
    }

    if (!(await load())) return;
    const addRole = grantFields(rolesForm, me, names!);
    const inviteRole = grantFields(inviteForm, me, names!);

    for (const cancel of Array.from(document.querySelectorAll<HTMLButtonElement>("[data-cancel]"))) {
      cancel.addEventListener("click", () => {
        closePanels();
        opener?.focus();
      });
    }

    onSubmit(rolesForm, async () => {
      if (!person) return;
      const keep = new Set(checkedOf(rolesForm, "keep"));
      const added = addRole.read();
      const grants = person.grants.filter((g) => keep.has(grantKey(g)));
      if (added.grant && !keep.has(grantKey(added.grant))) grants.push(added.grant);
      const errors = [...added.errors];
      if (!errors.length && !grants.length) {
        errors.push({ field: "keep", message: "Keep at least one role, or add one. To take away all their access, remove them instead." });
      }
      if (errors.length) {
        showFormErrors(rolesForm, errors);
        return;
      }
      const result = await sendStaff<{ account: StaffSummary }>("PUT", `/api/staff/accounts/${person.id}/grants`, { grants });
      if (!result.ok) {
        showApiError(rolesForm, result.error, { fieldFor: grantField });
        return;
      }
      closePanels();
      await load();
      showSuccess(done, "Roles saved", el("p", {}, `${result.data.account.name}: ${result.data.account.grants.map((g) => describeGrant(g, names)).join("; ")}.`));
    });

    const removeForm = byId<HTMLFormElement>("remove-form");
    onSubmit(removeForm, async () => {
      if (!person) return;
      const removed = person;
      const result = await sendStaff("DELETE", `/api/staff/accounts/${removed.id}`);
      if (!result.ok) {
        showApiError(removeForm, result.error, { linkTo: "remove-yes" });
        return;
      }
      closePanels();
      await load();
      showSuccess(done, `${removed.name} has been removed`, el("p", {}, "They can no longer sign in."));
    });

    onSubmit(inviteForm, async () => {
      inviteDone.hidden = true;
      const email = textOf(inviteForm, "email");
      const chosen = inviteRole.read();
      if (chosen.errors.length || !chosen.grant) {
        showFormErrors(inviteForm, [...(email ? [] : [{ field: "email", message: "Enter their email address." }]), ...chosen.errors]);
        return;
      }
      const result = await sendStaff<{ sentTo: string; expiresAt: string }>("POST", "/api/staff/invites", { email, grants: [chosen.grant] });
      if (!result.ok) {
        showApiError(inviteForm, result.error, { fieldFor: grantField, linkTo: "invite-email", messages: { grants: "Check the role and where they work." } });
        return;
      }
      clearAllErrors();
      inviteRole.reset();
      // The link goes only to their inbox: whoever invites never sees it, so cannot use it themselves.
      showSuccess(
        inviteDone,
        "Invite sent",
        el("p", {}, "We have emailed an invite link to ", el("strong", { class: "staff-break" }, result.data.sentTo), "."),
        el("p", {}, `It works once, and only until ${formatDateTime(result.data.expiresAt)} (72 hours). It asks them to choose a password and set up an authenticator app.`),
        el("p", {}, "If it does not arrive, check the address with them and invite them again."),
      );
    });
    showContent();
  });
}
