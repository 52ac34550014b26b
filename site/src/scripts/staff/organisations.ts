import type { Organisation } from "../../../../functions/domain/directory";
import { byId, el } from "../dom";
import { showApiError } from "../api";
import { getStaff, sendStaff } from "./api";
import { clearAllErrors, onSubmit, setText, textOf } from "./form";
import { showContent, showLoadError, showSuccess, startStaffPage } from "./page";

const MESSAGES = {
  name: "Enter the organisation's name, in at most 200 characters.",
  description: "Describe the organisation, in at most 2,000 characters.",
  website: "Enter the website's full address, like https://www.example.org.",
  email: "Enter an email address like name@example.org.",
};

function organisationItem(o: Organisation, onEdit: (o: Organisation, button: HTMLElement) => void): HTMLLIElement {
  const edit = el("button", { class: "button button--secondary", type: "button" }, "Edit", el("span", { class: "visually-hidden" }, ` ${o.name}`));
  edit.addEventListener("click", () => onEdit(o, edit));
  return el(
    "li",
    { class: "card" },
    el("h3", {}, o.name),
    o.isExample ? el("p", {}, el("span", { class: "tag" }, "Example, not real")) : null,
    el("p", {}, o.description),
    o.website || o.email
      ? el("ul", { class: "contact-list" }, o.website ? el("li", {}, o.website) : null, o.email ? el("li", {}, o.email) : null)
      : null,
    edit,
  );
}

/** The organisation as the API takes it: optional details left out when empty. */
function organisationFrom(form: HTMLFormElement, isExample: boolean) {
  const website = textOf(form, "website");
  const email = textOf(form, "email");
  return {
    name: textOf(form, "name"),
    description: textOf(form, "description"),
    ...(website ? { website } : {}),
    ...(email ? { email } : {}),
    isExample,
  };
}

/** Organisations: the list, a form to change one, and a form to add one (admins). */
export function startOrganisations(): Promise<void> {
  return startStaffPage(async () => {
    const list = byId("organisations");
    const section = byId("edit-section");
    const heading = byId("edit-heading");
    const editForm = byId<HTMLFormElement>("edit-form");
    const edited = byId("edit-done");
    let editing: Organisation | undefined;
    let opener: HTMLElement | undefined;

    function edit(o: Organisation, button: HTMLElement) {
      editing = o;
      opener = button;
      edited.hidden = true;
      clearAllErrors();
      heading.textContent = `Change ${o.name}`;
      setText(editForm, "name", o.name);
      setText(editForm, "description", o.description);
      setText(editForm, "website", o.website);
      setText(editForm, "email", o.email);
      section.hidden = false;
      heading.focus();
    }

    const load = async () => {
      const result = await getStaff<{ organisations: Organisation[] }>("/api/staff/organisations");
      if (!result.ok) {
        showLoadError(result.status, result.error);
        return false;
      }
      const sorted = [...result.data.organisations].sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
      list.replaceChildren(...sorted.map((o) => organisationItem(o, edit)));
      return true;
    };
    if (!(await load())) return;

    byId("edit-cancel").addEventListener("click", () => {
      section.hidden = true;
      clearAllErrors();
      opener?.focus();
    });

    const form = byId<HTMLFormElement>("add-form");
    const done = byId("add-done");
    onSubmit(editForm, async () => {
      if (!editing) return;
      done.hidden = true;
      const result = await sendStaff<{ organisation: Organisation }>(
        "PUT",
        `/api/staff/organisations/${encodeURIComponent(editing.id)}`,
        organisationFrom(editForm, editing.isExample),
      );
      if (!result.ok) {
        showApiError(editForm, result.error, { messages: MESSAGES });
        return;
      }
      clearAllErrors();
      section.hidden = true;
      editing = undefined;
      await load();
      showSuccess(edited, `${result.data.organisation.name} saved`, el("p", {}, "The list shows the changes now."));
    });

    onSubmit(form, async () => {
      done.hidden = true;
      edited.hidden = true;
      const result = await sendStaff<{ organisation: Organisation }>(
        "POST",
        "/api/staff/organisations",
        organisationFrom(form, (form.elements.namedItem("isExample") as HTMLInputElement).checked),
      );
      if (!result.ok) {
        showApiError(form, result.error, { messages: MESSAGES });
        return;
      }
      clearAllErrors();
      form.reset();
      await load();
      showSuccess(done, "Organisation added", el("p", {}, `${result.data.organisation.name} is now in the list above.`));
    });
    showContent();
  });
}
