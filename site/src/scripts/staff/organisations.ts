import type { Organisation } from "../../../../functions/domain/directory";
import { byId, el } from "../dom";
import { getStaff, sendStaff } from "./api";
import { clearAllErrors, onSubmit, showApiError, textOf } from "./form";
import { showContent, showLoadError, showSuccess, startStaffPage } from "./page";

const MESSAGES = {
  name: "Enter the organisation's name, in at most 200 characters.",
  description: "Describe the organisation, in at most 2,000 characters.",
  website: "Enter the website's full address, like https://www.example.org.",
  email: "Enter an email address like name@example.org.",
};

function organisationItem(o: Organisation): HTMLLIElement {
  return el(
    "li",
    { class: "card" },
    el("h3", {}, o.name),
    o.isExample ? el("p", {}, el("span", { class: "tag" }, "Example, not real")) : null,
    el("p", {}, o.description),
    o.website || o.email
      ? el("ul", { class: "contact-list" }, o.website ? el("li", {}, o.website) : null, o.email ? el("li", {}, o.email) : null)
      : null,
  );
}

/** Organisations: the list, and a form to add one (admins). */
export function startOrganisations(): Promise<void> {
  return startStaffPage(async () => {
    const list = byId("organisations");
    const load = async () => {
      const result = await getStaff<{ organisations: Organisation[] }>("/api/staff/organisations");
      if (!result.ok) {
        showLoadError(result.status, result.error);
        return false;
      }
      const sorted = [...result.data.organisations].sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
      list.replaceChildren(...sorted.map(organisationItem));
      return true;
    };
    if (!(await load())) return;

    const form = byId<HTMLFormElement>("add-form");
    const done = byId("add-done");
    onSubmit(form, async () => {
      done.hidden = true;
      const website = textOf(form, "website");
      const email = textOf(form, "email");
      const result = await sendStaff<{ organisation: Organisation }>("POST", "/api/staff/organisations", {
        name: textOf(form, "name"),
        description: textOf(form, "description"),
        ...(website ? { website } : {}),
        ...(email ? { email } : {}),
        isExample: (form.elements.namedItem("isExample") as HTMLInputElement).checked,
      });
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
