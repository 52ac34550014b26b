import type { Area } from "../../../../functions/domain/directory";
import { byId, el } from "../dom";
import { showApiError } from "../api";
import { getStaff, sendStaff } from "./api";
import { clearAllErrors, onSubmit, textOf } from "./form";
import { showContent, showLoadError, showSuccess, startStaffPage } from "./page";

const MESSAGES = { name: "Enter the area's name, in at most 120 characters." };

/** Areas and their postcode districts; one form edits whichever area was chosen. */
export function startAreas(): Promise<void> {
  return startStaffPage(async () => {
    const list = byId("areas");
    const section = byId("area-edit");
    const heading = byId("area-edit-heading");
    const form = byId<HTMLFormElement>("area-form");
    const done = byId("area-done");
    let editing: Area | undefined;
    let opener: HTMLElement | undefined;

    function edit(area: Area, button: HTMLElement) {
      editing = area;
      opener = button;
      done.hidden = true;
      clearAllErrors();
      heading.textContent = `Change ${area.name}`;
      (form.elements.namedItem("name") as HTMLInputElement).value = area.name;
      (form.elements.namedItem("postcodeDistricts") as HTMLTextAreaElement).value = area.postcodeDistricts.join(" ");
      section.hidden = false;
      heading.focus();
    }

    function item(area: Area): HTMLLIElement {
      const change = el("button", { class: "button button--secondary", type: "button" }, "Change", el("span", { class: "visually-hidden" }, ` ${area.name}`));
      change.addEventListener("click", () => edit(area, change));
      return el(
        "li",
        { class: "card" },
        el("h2", { class: "staff-card-title" }, area.name),
        el("p", { class: "muted" }, `Code ${area.id}`),
        el("p", {}, area.postcodeDistricts.length ? area.postcodeDistricts.join(", ") : "No postcode districts yet."),
        change,
      );
    }

    const load = async () => {
      const result = await getStaff<{ areas: Area[] }>("/api/staff/areas");
      if (!result.ok) {
        showLoadError(result.status, result.error);
        return false;
      }
      list.replaceChildren(...result.data.areas.map(item));
      return true;
    };
    if (!(await load())) return;

    byId("area-cancel").addEventListener("click", () => {
      section.hidden = true;
      clearAllErrors();
      opener?.focus();
    });

    onSubmit(form, async () => {
      if (!editing) return;
      const districts = textOf(form, "postcodeDistricts").split(/[\s,]+/).filter(Boolean);
      const result = await sendStaff<{ area: Area }>("PUT", `/api/staff/areas/${encodeURIComponent(editing.id)}`, {
        name: textOf(form, "name"),
        postcodeDistricts: districts,
      });
      if (!result.ok) {
        showApiError(form, result.error, { messages: MESSAGES });
        return;
      }
      clearAllErrors();
      section.hidden = true;
      await load();
      showSuccess(done, `${result.data.area.name} saved`, el("p", {}, `${result.data.area.postcodeDistricts.length} postcode districts.`));
    });
    showContent();
  });
}
