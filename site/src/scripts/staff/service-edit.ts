import type { Area, Location, OpeningTimes, Service } from "../../../../functions/domain/directory";
import { DAYS } from "../../../../functions/domain/vocabulary";
import { getJson, showApiError } from "../api";
import { byId, el } from "../dom";
import { getStaff, sendStaff } from "./api";
import { checkedOf, clearAllErrors, onSubmit, setChecked, setText, textOf } from "./form";
import { showContent, showLoadError, showState, showSuccess, startStaffPage } from "./page";
import { mayIn } from "./session";

/** Plain messages for fields whose API errors are in zod's own words. */
const MESSAGES: Record<string, string> = {
  name: "Enter the service's name, in at most 200 characters.",
  description: "Describe the service, in at most 4,000 characters.",
  whatHappens: "Say what happens when someone gets in touch, in at most 2,000 characters.",
  audiences: "Choose who the service is for.",
  minAge: "Type the youngest age as a whole number from 0 to 120.",
  maxAge: "Type the oldest age as a whole number from 0 to 120.",
  needs: "Choose at least one kind of help.",
  deliveryModes: "Choose at least one way the service gives help.",
  expectedWaitWeeks: "Type the wait as a whole number of weeks from 0 to 104, or leave it empty.",
  acceptsSelfReferral: "Say whether people can ask for support themselves.",
  status: "Choose the service's status.",
  languages: "Choose at least one language.",
};

/** The form's box for each contact detail the API names. */
const CONTACT_FIELDS: Record<string, string> = {
  "contact.phone": "contactPhone",
  "contact.text": "contactText",
  "contact.email": "contactEmail",
  "contact.website": "contactWebsite",
};

/** The form's wrapper for an API field: the two "also good for" flags share one group. */
const fieldFor = (apiField: string) =>
  apiField === "lgbtqFriendly" || apiField === "boysAndYoungMen" ? "other" : (CONTACT_FIELDS[apiField] ?? apiField);

/** The API's messages for contact details do not say which detail they are about; the summary must. */
const CONTACT_MESSAGES: Record<string, string> = {
  "contact.phone": "Type the phone number using digits and spaces only.",
  "contact.text": "Type the number for text messages using digits and spaces only.",
  "contact.email": "Enter the email address like name@example.org.",
  "contact.website": "Enter the website's full address, starting https://.",
  contact: "Give at least one way to get in touch.",
};

/** A unique key for each new row: its fields' ids and `data-field` names start with it. */
let rowCount = 0;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A number that follows a row's position in its list ("Opening time 2"), renumbered on removal. */
const numberSpan = () => el("span", { "data-number": "" });

function renumber(list: HTMLElement): void {
  Array.from(list.children).forEach((row, index) => {
    for (const span of Array.from(row.querySelectorAll("[data-number]"))) span.textContent = String(index + 1);
  });
  byId(`${list.id}-empty`).hidden = list.children.length > 0;
}

/** A labelled box in a row, in its own `data-field` wrapper so an API error can point at it. */
function rowField(key: string, part: string, label: string, value: string, attributes: Record<string, string> = {}): HTMLDivElement {
  const id = `${key}-${part}`;
  const input = el("input", { type: "text", id, autocomplete: "off", "data-part": part, ...attributes });
  input.value = value;
  return el("div", { class: "field", "data-field": id }, el("label", { class: "label", for: id }, label), input);
}

function removeButton(row: HTMLLIElement, what: string): HTMLButtonElement {
  const button = el("button", { class: "button button--secondary", type: "button" }, "Remove", el("span", { class: "visually-hidden" }, ` ${what} `, numberSpan()));
  button.addEventListener("click", () => {
    const list = row.parentElement as HTMLElement;
    const number = row.querySelector("[data-number]")?.textContent ?? "";
    row.remove();
    renumber(list);
    byId("rows-status").textContent = `${what[0]!.toUpperCase()}${what.slice(1)} ${number} removed.`;
    byId(`${list.id}-heading`).focus();
  });
  return button;
}

function openingTimesRow(times: OpeningTimes | undefined): HTMLLIElement {
  const key = `openingTimes-${++rowCount}`;
  const row = el("li", { "data-key": key });
  const days = el(
    "div",
    { class: "field", "data-field": `${key}-days` },
    el(
      "fieldset",
      {},
      el("legend", {}, "Days for opening time ", numberSpan()),
      el(
        "div",
        { class: "choices" },
        ...Object.entries(DAYS).map(([code, name]) =>
          el("div", { class: "choice" }, el("input", { type: "checkbox", id: `${key}-days-${code}`, value: code, "data-part": "days" }), el("label", { for: `${key}-days-${code}` }, name)),
        ),
      ),
    ),
  );
  for (const box of Array.from(days.querySelectorAll("input"))) box.checked = (times?.days ?? []).includes(box.value as OpeningTimes["days"][number]);
  const opens = rowField(key, "opens", "Opens", times?.opens ?? "", { type: "time" });
  const closes = rowField(key, "closes", "Closes", times?.closes ?? "", { type: "time" });
  row.append(
    el("fieldset", {}, el("legend", {}, "Opening time ", numberSpan()), days, el("div", { class: "staff-inline-fields" }, opens, closes), el("p", {}, removeButton(row, "opening time"))),
  );
  return row;
}

function locationRow(location: Location | undefined): HTMLLIElement {
  const key = `locations-${++rowCount}`;
  const row = el("li", { "data-key": key, "data-id": location?.id ?? crypto.randomUUID(), "data-accessibility": (location?.accessibility ?? []).join(" ") });
  const fields = [
    rowField(key, "name", "Name of the place", location?.name ?? "", { maxlength: "200" }),
    rowField(key, "address", "Address", location?.address ?? "", { maxlength: "200" }),
    rowField(key, "town", "Town or city", location?.town ?? "", { maxlength: "100" }),
    rowField(key, "postcode", "Postcode", location?.postcode ?? "", { maxlength: "10", class: "input--short" }),
  ];
  row.append(el("fieldset", {}, el("legend", {}, "Place ", numberSpan()), ...fields, el("p", {}, removeButton(row, "place"))));
  return row;
}

function setRows(service: Service): void {
  const locations = byId("locations");
  const times = byId("opening-times");
  locations.replaceChildren(...service.locations.map(locationRow));
  times.replaceChildren(...service.openingTimes.map(openingTimesRow));
  renumber(locations);
  renumber(times);
}

const partOf = (row: Element, part: string) => Array.from(row.querySelectorAll<HTMLInputElement>(`[data-part="${part}"]`));

function openingTimesFrom(): OpeningTimes[] {
  return Array.from(byId("opening-times").children).map((row) => ({
    days: partOf(row, "days")
      .filter((box) => box.checked)
      .map((box) => box.value as OpeningTimes["days"][number]),
    opens: partOf(row, "opens")[0]!.value,
    closes: partOf(row, "closes")[0]!.value,
  }));
}

function locationsFrom(): Location[] {
  return Array.from(byId("locations").children).map((row) => {
    const text = (part: string) => partOf(row, part)[0]!.value.trim();
    return {
      id: (row as HTMLElement).dataset.id!,
      name: text("name"),
      address: text("address"),
      town: text("town"),
      postcode: text("postcode"),
      accessibility: ((row as HTMLElement).dataset.accessibility ?? "").split(" ").filter(Boolean) as Location["accessibility"],
    };
  });
}

/** What is wrong with one part of a row, as far as the page can tell, so an error finds its row. */
function rowLooksWrong(row: Element, part: string): boolean {
  const inputs = partOf(row, part);
  if (part === "days") return !inputs.some((box) => box.checked);
  const value = inputs[0]?.value.trim() ?? "";
  if (part === "opens" || part === "closes") return !TIME.test(value);
  const max = inputs[0]?.maxLength ?? -1;
  return !value || (max > 0 && value.length > max);
}

const ROW_MESSAGES: Record<string, (n: number) => string> = {
  "openingTimes.days": (n) => `Choose at least one day for opening time ${n}.`,
  "openingTimes.opens": (n) => `Enter the time opening time ${n} opens, like 09:30.`,
  "openingTimes.closes": (n) => `Enter the time opening time ${n} closes, like 17:00.`,
  "locations.name": (n) => `Enter the name of place ${n}, in at most 200 characters.`,
  "locations.address": (n) => `Enter the address of place ${n}, in at most 200 characters.`,
  "locations.town": (n) => `Enter the town or city of place ${n}, in at most 100 characters.`,
  "locations.postcode": (n) => `Enter the postcode of place ${n}, in at most 10 characters.`,
};

/**
 * An API error about a row: the API drops the row's number (`openingTimes.closes`), so it points
 * at the first row that looks wrong in that part, or else the first row.
 */
function rowError(apiField: string, message: string): { field: string; message: string } | undefined {
  const [list, part] = apiField.split(".");
  if ((list !== "openingTimes" && list !== "locations") || !part) return undefined;
  const rows = Array.from(byId(list === "openingTimes" ? "opening-times" : "locations").children) as HTMLElement[];
  if (!rows.length) return undefined;
  const known = partOf(rows[0]!, part).length > 0;
  const index = known ? Math.max(0, rows.findIndex((row) => rowLooksWrong(row, part))) : 0;
  const row = rows[index]!;
  const field = known ? `${row.dataset.key}-${part}` : `${row.dataset.key}-${list === "openingTimes" ? "days" : "name"}`;
  return { field, message: ROW_MESSAGES[apiField]?.(index + 1) ?? message };
}

/** A whole number as typed, or the text itself so the API can say what is wrong with it. */
function numberOrText(text: string): number | string {
  return /^\d{1,3}$/.test(text) ? Number(text) : text;
}

function fill(form: HTMLFormElement, s: Service): void {
  setText(form, "name", s.name);
  setText(form, "description", s.description);
  setText(form, "whatHappens", s.whatHappens);
  setChecked(form, "audiences", s.audiences);
  setText(form, "minAge", s.minAge);
  setText(form, "maxAge", s.maxAge);
  setChecked(form, "other", [s.lgbtqFriendly && "lgbtqFriendly", s.boysAndYoungMen && "boysAndYoungMen"].filter(Boolean) as string[]);
  setChecked(form, "needs", s.needs);
  setChecked(form, "deliveryModes", s.deliveryModes);
  setChecked(form, "workerGenders", s.workerGenders);
  setText(form, "expectedWaitWeeks", s.expectedWaitWeeks);
  setChecked(form, "acceptsSelfReferral", [s.acceptsSelfReferral ? "yes" : "no"]);
  setChecked(form, "status", [s.status]);
  setText(form, "contactPhone", s.contact.phone);
  setText(form, "contactText", s.contact.text);
  setText(form, "contactEmail", s.contact.email);
  setText(form, "contactWebsite", s.contact.website);
  setChecked(form, "national", s.national ? ["yes"] : []);
  setChecked(form, "areaIds", s.areaIds);
  setChecked(form, "languages", s.languages);
  setChecked(form, "accessibility", s.accessibility);
  setRows(s);
}

/** The service as the API takes it: the form's fields, and what the form does not edit kept as it was. */
function inputFrom(form: HTMLFormElement, before: Service) {
  const text = (name: string) => textOf(form, name) || undefined;
  const minAge = textOf(form, "minAge");
  const maxAge = textOf(form, "maxAge");
  const wait = textOf(form, "expectedWaitWeeks");
  const selfReferral = checkedOf(form, "acceptsSelfReferral")[0];
  const other = checkedOf(form, "other");
  return {
    organisationId: before.organisationId,
    name: textOf(form, "name"),
    description: textOf(form, "description"),
    whatHappens: textOf(form, "whatHappens"),
    audiences: checkedOf(form, "audiences"),
    ...(minAge ? { minAge: numberOrText(minAge) } : {}),
    ...(maxAge ? { maxAge: numberOrText(maxAge) } : {}),
    needs: checkedOf(form, "needs"),
    deliveryModes: checkedOf(form, "deliveryModes"),
    workerGenders: checkedOf(form, "workerGenders"),
    languages: checkedOf(form, "languages"),
    accessibility: checkedOf(form, "accessibility"),
    lgbtqFriendly: other.includes("lgbtqFriendly"),
    boysAndYoungMen: other.includes("boysAndYoungMen"),
    areaIds: checkedOf(form, "areaIds"),
    national: checkedOf(form, "national").length > 0,
    locations: locationsFrom(),
    contact: { phone: text("contactPhone"), text: text("contactText"), email: text("contactEmail"), website: text("contactWebsite") },
    openingTimes: openingTimesFrom(),
    acceptsSelfReferral: selfReferral === undefined ? undefined : selfReferral === "yes",
    expectedWaitWeeks: wait ? numberOrText(wait) : null,
    status: checkedOf(form, "status")[0],
    isExample: before.isExample,
  };
}

/** Editing one service's directory entry, with its places and opening times. */
export function startServiceEdit(): Promise<void> {
  return startStaffPage(async (me) => {
    const id = new URLSearchParams(window.location.search).get("id") ?? "";
    if (!id) {
      showState("We could not find that", "Not found", [el("p", { class: "lead" }, "Choose a service from the list of services.")]);
      return;
    }
    const [result, areas] = await Promise.all([
      getStaff<{ service: Service }>(`/api/staff/services/${encodeURIComponent(id)}`),
      getJson<{ areas: Area[] }>("/api/areas"),
    ]);
    if (!result.ok) {
      showLoadError(result.status, result.error);
      return;
    }
    let service = result.data.service;
    const form = byId<HTMLFormElement>("service-form");
    const heading = byId("page-heading");
    const done = byId("save-done");

    byId("area-choices").replaceChildren(
      ...(areas.ok ? areas.data.areas : []).map((a) =>
        el("div", { class: "choice" }, el("input", { type: "checkbox", id: `areaIds-${a.id}`, name: "areaIds", value: a.id }), el("label", { for: `areaIds-${a.id}` }, a.name)),
      ),
    );
    const addRow = (listId: string, row: HTMLLIElement) => {
      const list = byId(listId);
      list.append(row);
      renumber(list);
      byId("rows-status").textContent = "";
      row.querySelector("input")?.focus();
    };
    byId("opening-times-add").addEventListener("click", () => addRow("opening-times", openingTimesRow(undefined)));
    byId("locations-add").addEventListener("click", () => addRow("locations", locationRow(undefined)));
    heading.textContent = service.name;
    fill(form, service);

    if (!mayIn(me, "service.update", service.organisationId)) {
      byId("read-only").hidden = false;
      for (const control of Array.from(form.elements) as HTMLInputElement[]) control.disabled = true;
      byId("save-service").hidden = true;
      showContent();
      return;
    }

    onSubmit(form, async () => {
      done.hidden = true;
      const saved = await sendStaff<{ service: Service }>("PUT", `/api/staff/services/${encodeURIComponent(service.id)}`, inputFrom(form, service));
      if (!saved.ok) {
        const fields = saved.error.fields.map((f) => rowError(f.field, f.message) ?? { ...f, message: CONTACT_MESSAGES[f.field] ?? f.message });
        showApiError(form, { ...saved.error, fields }, { fieldFor, messages: MESSAGES });
        return;
      }
      clearAllErrors();
      service = saved.data.service;
      heading.textContent = service.name;
      fill(form, service);
      showSuccess(
        done,
        "Changes saved",
        el("p", {}, "The public directory shows them now. ", el("a", { href: `/service/?id=${encodeURIComponent(service.id)}` }, "See the public page"), "."),
      );
    });
    showContent();
  });
}
