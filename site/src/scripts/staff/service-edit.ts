import type { Area, Service } from "../../../../functions/domain/directory";
import { describeOpeningTimes } from "../../../../functions/domain/opening-times";
import { getJson } from "../api";
import { byId, el } from "../dom";
import { getStaff, sendStaff } from "./api";
import { checkedOf, clearAllErrors, onSubmit, setChecked, setText, showApiError, textOf } from "./form";
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
    locations: before.locations,
    contact: { phone: text("contactPhone"), text: text("contactText"), email: text("contactEmail"), website: text("contactWebsite") },
    openingTimes: before.openingTimes,
    acceptsSelfReferral: selfReferral === undefined ? undefined : selfReferral === "yes",
    expectedWaitWeeks: wait ? numberOrText(wait) : null,
    status: checkedOf(form, "status")[0],
    isExample: before.isExample,
  };
}

/** Editing one service's directory entry. Locations and opening times are shown, not edited. */
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
    byId("locations").replaceChildren(
      ...(service.locations.length ? service.locations.map((l) => el("li", {}, `${l.name}, ${l.address}, ${l.town}, ${l.postcode}`)) : [el("li", {}, "None")]),
    );
    byId("opening-times").replaceChildren(
      ...(service.openingTimes.length ? service.openingTimes.map((t) => el("li", {}, describeOpeningTimes(t))) : [el("li", {}, "Not given")]),
    );
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
        const fields = saved.error.fields.map((f) => ({ ...f, message: CONTACT_MESSAGES[f.field] ?? f.message }));
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
