import type { PublicService } from "../../../../functions/domain/directory";
import { hasEveryWord, searchWordOf } from "../../../../functions/domain/names";
import { getJson } from "../api";
import { el } from "../dom";

type SearchResponse = { services: PublicService[]; page: number; totalPages: number };

/** The directory is read 50 at a time; a partnership's directory is a few pages at most. */
const PER_PAGE = 50;
const MAX_PAGES = 20;
/** More than this, and the person is asked to type more of the name. */
const MAX_SHOWN = 25;

/** Whether a service's name (or its organisation's) has every word typed, in any order. */
export const nameMatches = (service: Pick<PublicService, "name" | "organisation">, typed: string) =>
  hasEveryWord(`${service.name} ${service.organisation.name ?? ""}`, typed);

/** Where a service works, and who runs it: enough to tell two services of the same name apart. */
const detailsOf = (s: PublicService) =>
  [s.organisation.name && `Run by ${s.organisation.name}.`, s.national ? "Anywhere in England." : `${s.areas.map((a) => a.name).join(", ")}.`].filter(Boolean).join(" ");

function serviceChoice(service: { id: string; name: string; details?: string }, checked: boolean): HTMLElement {
  const id = `serviceId-${service.id}`;
  const input = el("input", { type: "radio", id, name: "serviceId", value: service.id });
  input.checked = checked;
  const text = el("div", {}, el("label", { for: id }, service.name));
  if (service.details) {
    input.setAttribute("aria-describedby", `${id}-hint`);
    text.append(el("span", { class: "choice__hint", id: `${id}-hint` }, service.details));
  }
  return el("div", { class: "choice" }, input, text);
}

/**
 * "Which service?": find a service by its name, or list those where it is (GET /api/services
 * by area, the search Find support uses, with the name matched here; or with no area, by name).
 * The service chosen (from a service page, or earlier) stays at the top and chosen.
 */
export function serviceFinder(
  parts: {
    search: HTMLElement;
    name: HTMLInputElement;
    area: HTMLSelectElement;
    results: HTMLElement;
    choices: HTMLElement;
    status: HTMLElement;
    other: HTMLButtonElement;
  },
  names: Map<string, string>,
) {
  const details = new Map<string, string>();
  const read = new Map<string, Promise<PublicService[] | undefined>>();
  /** Goes up with each search, and on clear: only the latest search's answer is shown. */
  let latest = 0;
  let searched = false;

  /**
   * The services in an area (its name matched here), or with no area the ones with the name typed
   * (matched by the API, which reads only those: the whole directory would be too much to fetch).
   */
  function servicesIn(area: string, typed: string): Promise<PublicService[] | undefined> {
    const which = area || `name:${typed}`;
    const known = read.get(which);
    if (known) return known;
    const reading = (async () => {
      const all: PublicService[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const query = new URLSearchParams({ perPage: String(PER_PAGE), page: String(page) });
        if (area) query.set("area", area);
        else query.set("name", typed);
        const result = await getJson<SearchResponse>(`/api/services?${query}`);
        if (!result.ok) return undefined;
        all.push(...result.data.services);
        if (page >= result.data.totalPages) break;
      }
      return all;
    })();
    read.set(which, reading);
    // A failed read is tried again next time.
    void reading.then((services) => services ?? read.delete(which));
    return reading;
  }

  const chosen = () => parts.choices.querySelector<HTMLInputElement>("input:checked")?.value;

  function showChoices(ids: string[], checked: string | undefined) {
    parts.choices.replaceChildren(...ids.map((id) => serviceChoice({ id, name: names.get(id) ?? "A service you chose", details: details.get(id) }, id === checked)));
    parts.results.hidden = ids.length === 0;
  }

  return {
    /** Adds a service (from ?service=) before the list is shown. */
    remember(service: PublicService) {
      names.set(service.id, service.name);
      details.set(service.id, detailsOf(service));
    },
    /** Whether there is a list to choose from: an error is shown on it, or on the search if not. */
    hasChoices: () => parts.choices.childElementCount > 0,
    /**
     * Shows the step with the service chosen so far, if there is one. Someone who came from that
     * service's page sees it chosen, with a way to choose another, rather than a search first.
     */
    show(serviceId: string | undefined) {
      if (serviceId && !parts.choices.querySelector(`input[value="${CSS.escape(serviceId)}"]`)) showChoices([serviceId], serviceId);
      const onlyTheChosen = !!serviceId && !searched && parts.choices.childElementCount === 1;
      parts.search.hidden = onlyTheChosen;
      parts.other.parentElement!.hidden = !onlyTheChosen;
    },
    /** Opens the search, for someone who came from one service's page and wants another. */
    openSearch() {
      parts.search.hidden = false;
      parts.other.parentElement!.hidden = true;
      parts.name.focus();
    },
    /** Searches by the name typed and the area chosen, keeping the one chosen at the top. */
    async find() {
      const typed = parts.name.value.trim();
      const area = parts.area.value;
      if (!typed && !area) {
        parts.status.textContent = "Type the name of the service, or choose where it is. Then choose Find services.";
        return;
      }
      if (!area && searchWordOf(typed) === undefined) {
        parts.status.textContent = "Type at least three letters of a word in its name, or choose where it is.";
        return;
      }
      const search = ++latest;
      searched = true;
      parts.status.textContent = "Looking for services…";
      const services = await servicesIn(area, typed);
      // Only the latest search is shown, and none after the answers were wiped.
      if (search !== latest) return;
      if (!services) {
        parts.status.textContent = "We could not look for services just now. Please try again in a minute.";
        return;
      }
      // By name, as a list to pick one from by its name is easiest to read.
      const found = services.filter((s) => !typed || nameMatches(s, typed)).sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
      for (const s of found) {
        names.set(s.id, s.name);
        details.set(s.id, detailsOf(s));
      }
      const keep = chosen();
      const ids = [...new Set([...(keep ? [keep] : []), ...found.slice(0, MAX_SHOWN).map((s) => s.id)])];
      showChoices(ids, keep);
      if (!found.length) {
        parts.status.textContent = typed
          ? `We could not find a service called "${typed}". Check the spelling, or type part of its name.`
          : "We could not find any services there. Try Anywhere.";
      } else if (found.length > MAX_SHOWN) {
        parts.status.textContent = `We found ${found.length} services. Here are the first ${MAX_SHOWN}. Type more of the name to find it quicker.`;
      } else {
        parts.status.textContent = found.length === 1 ? "We found 1 service. Choose it, then Continue." : `We found ${found.length} services. Choose one, then Continue.`;
      }
    },
    /** Forgets the list and the search (Exit this page, or sent). */
    clear() {
      latest++;
      searched = false;
      details.clear();
      parts.choices.replaceChildren();
      parts.results.hidden = true;
      parts.status.textContent = "";
      parts.search.hidden = false;
      parts.other.parentElement!.hidden = true;
    },
  };
}
