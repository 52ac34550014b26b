import type { Area, PublicService } from "../../../functions/domain/directory";
import { getJson, showApiError } from "./api";
import { byId, el } from "./dom";
import { EXIT_EVENT } from "./exit-this-page";
import { clearErrors } from "./form-errors";
import { serviceCard } from "./render-service";

type SearchResponse = { services: PublicService[]; page: number; totalItems: number; totalPages: number };

/** The "Other things that matter" choices are separate yes/no filters in the API. */
const OTHER_FILTERS = ["lgbtq", "boys"];

/**
 * The search query from the form. It goes to the API only, never into the page's address,
 * so what someone searched for does not end up in their browser history.
 */
function queryFrom(form: HTMLFormElement, page: number): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    const text = String(value).trim();
    if (!text) continue;
    if (name === "other") query.append(text, "true");
    else query.append(name, text);
  }
  if (page > 1) query.set("page", String(page));
  return query;
}

/** The form field an API error belongs to. */
const fieldFor = (apiField: string) => (OTHER_FILTERS.includes(apiField) ? "other" : apiField);

async function loadAreas(select: HTMLSelectElement): Promise<void> {
  const result = await getJson<{ areas: Area[] }>("/api/areas");
  if (!result.ok) return;
  select.append(...result.data.areas.map((area) => el("option", { value: area.id }, area.name)));
}

/** Wires the search form: areas list, submit, paging, errors, and forgetting on exit. */
export function startFindSupport(): void {
  const form = byId<HTMLFormElement>("search-form");
  const section = byId("results");
  const heading = byId("results-heading");
  const status = byId("results-status");
  const list = byId("results-list");
  const pages = byId("results-pages");
  const previous = byId<HTMLButtonElement>("previous-page");
  const next = byId<HTMLButtonElement>("next-page");
  const pageCount = byId("page-count");
  let page = 1;

  void loadAreas(byId<HTMLSelectElement>("area"));

  function showProblem(message: string) {
    section.hidden = false;
    heading.textContent = "Sorry, something went wrong";
    status.textContent = message;
    list.replaceChildren();
    pages.hidden = true;
    const retry = el("button", { class: "button button--secondary", type: "button" }, "Try again");
    retry.addEventListener("click", () => void search());
    list.append(el("li", {}, retry));
    heading.focus();
  }

  function showResults(data: SearchResponse, sent: URLSearchParams) {
    section.hidden = false;
    // With no area or postcode, only the services that help people anywhere are shown.
    const anywhere = !sent.has("area") && !sent.has("postcode");
    const nearYou = anywhere ? " To see services near you too, choose your area." : "";
    if (data.totalItems === 0) {
      heading.textContent = "No services found";
      status.textContent = `No services match all of your choices. Try choosing fewer things.${nearYou} The free helplines below can help too.`;
    } else {
      heading.textContent = data.totalItems === 1 ? "1 service found" : `${data.totalItems} services found`;
      status.textContent = anywhere
        ? `${data.totalItems === 1 ? "This service helps" : "These services help"} people anywhere in England.${nearYou} The free national helplines are listed below the results.`
        : "The free national helplines are listed below the results.";
    }
    list.replaceChildren(...data.services.map(serviceCard));
    pages.hidden = data.totalPages <= 1;
    previous.hidden = data.page <= 1;
    next.hidden = data.page >= data.totalPages;
    pageCount.textContent = `Page ${data.page} of ${data.totalPages}`;
    heading.focus();
  }

  async function search() {
    const query = queryFrom(form, page);
    const result = await getJson<SearchResponse>(`/api/services?${query}`);
    if (result.ok) {
      clearErrors(form);
      return showResults(result.data, query);
    }
    // Field errors go on the form, with no results; anything else is said where the results go.
    section.hidden = true;
    showApiError(form, result.error, { fieldFor, problem: showProblem });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    page = 1;
    void search();
  });
  previous.addEventListener("click", () => {
    page = Math.max(1, page - 1);
    void search();
  });
  next.addEventListener("click", () => {
    page += 1;
    void search();
  });
  window.addEventListener(EXIT_EVENT, () => {
    list.replaceChildren();
    section.hidden = true;
  });
}
