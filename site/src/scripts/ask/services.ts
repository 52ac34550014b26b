import type { PublicService } from "../../../../functions/domain/directory";
import { takesRequests } from "../../../../functions/domain/takes-requests";
import { getJson } from "../api";
import { el } from "../dom";
import { whoItIsFor } from "../render-service";
import { one, type Answers } from "../answers";

type SearchResponse = { services: PublicService[]; page: number; totalPages: number };

/** The ages in each age band, to keep services whose ages overlap it. */
const BAND_AGES: Record<string, [number, number]> = {
  "under-11": [0, 10],
  "11-13": [11, 13],
  "14-15": [14, 15],
  "16-17": [16, 17],
  "18-24": [18, 24],
  "25-plus": [25, 120],
};

/**
 * The directory search for the answers so far: the area and the help wanted go to the API;
 * the age band is a range, so it is matched here (a service for 13 and over suits "11 to 13").
 */
function searchFor(answers: Answers): { query: URLSearchParams; suits: (s: PublicService) => boolean } {
  const query = new URLSearchParams({ perPage: "20" });
  const area = one(answers, "areaId");
  if (area) query.set("area", area);
  for (const need of answers.needs ?? []) query.append("need", need);
  const asker = one(answers, "asker");
  const band = BAND_AGES[one(answers, "ageBand") ?? ""];
  if (asker === "adult-survivor" || (asker === "self" && band && band[0] >= 18)) query.set("who", "adult-survivor");
  else if (asker === "self" && band) query.set("who", "young-person");
  const suits = (s: PublicService) => {
    if (!takesRequests(s)) return false;
    // A parent or carer may ask a service for young people or one for parents.
    if (asker === "child" && !s.audiences.some((a) => a === "young-person" || a === "parent-carer")) return false;
    if (!band) return true;
    return (s.minAge ?? 0) <= band[1] && (s.maxAge ?? 120) >= band[0];
  };
  return { query, suits };
}

function waitWords(service: PublicService): string {
  if (service.status !== "active") return "Not taking new requests right now.";
  const weeks = service.expectedWaitWeeks;
  if (weeks === null) return "Wait not known.";
  if (weeks === 0) return "No wait right now.";
  return `Wait about ${weeks} ${weeks === 1 ? "week" : "weeks"}.`;
}

/** One service to tick. Its label is just its name, so check-your-answers can reuse it. */
function serviceChoice(service: { id: string; name: string; details?: string }, checked: boolean): HTMLElement {
  const id = `serviceIds-${service.id}`;
  const input = el("input", { type: "checkbox", id, name: "serviceIds", value: service.id });
  input.checked = checked;
  const choice = el("div", { class: "choice" }, input);
  const text = el("div", {}, el("label", { for: id }, service.name));
  if (service.details) {
    input.setAttribute("aria-describedby", `${id}-hint`);
    text.append(el("span", { class: "choice__hint", id: `${id}-hint` }, service.details));
  }
  choice.append(text);
  return choice;
}

const detailsOf = (s: PublicService) => `${whoItIsFor(s)} ${waitWords(s)}`;

/**
 * The "Which services" question: the services already chosen (from a service page, or earlier)
 * stay at the top and ticked; below them, services that suit the answers so far, a page at a time.
 */
export function serviceList(parts: { choices: HTMLElement; status: HTMLElement; more: HTMLButtonElement }, names: Map<string, string>) {
  let searched = "";
  let page = 1;
  const details = new Map<string, string>();

  async function load(answers: Answers, chosen: string[], next: boolean) {
    const { query, suits } = searchFor(answers);
    page = next ? page + 1 : 1;
    query.set("page", String(page));
    parts.status.textContent = "Looking for services…";
    parts.more.hidden = true;
    const result = await getJson<SearchResponse>(`/api/services?${query}`);
    if (!result.ok) {
      parts.status.textContent = "We could not load more services just now. You can go back and try again.";
      return;
    }
    const found = result.data.services.filter((s) => suits(s) && !chosen.includes(s.id));
    for (const s of found) {
      names.set(s.id, s.name);
      details.set(s.id, detailsOf(s));
    }
    parts.choices.append(...found.map((s) => serviceChoice({ id: s.id, name: s.name, details: details.get(s.id) }, false)));
    parts.more.hidden = result.data.page >= result.data.totalPages;
    const shown = parts.choices.querySelectorAll("input").length;
    // With no area, the search gives the services that help people anywhere: say how to see local ones.
    const nearYou = one(answers, "areaId") ? "" : " They help people anywhere. To see services near you too, go back and choose where you live.";
    if (shown) parts.status.textContent = `Here ${shown === 1 ? "is 1 service" : `are ${shown} services`} you can ask.${nearYou}`;
    else if (!parts.more.hidden) parts.status.textContent = "None of these fit your answers. Choose Show more services.";
    else parts.status.textContent = "We could not find a service for your answers. Go back and choose a different area or kind of help, or call a free helpline below.";
  }

  return {
    /** Adds a service (from ?service=) before the list is shown. */
    remember(service: PublicService) {
      names.set(service.id, service.name);
      details.set(service.id, detailsOf(service));
    },
    /** Shows the list for the answers so far, keeping what is ticked. Searches again only if the answers changed. */
    show(answers: Answers) {
      const chosen = answers.serviceIds ?? [];
      const key = JSON.stringify([one(answers, "asker"), one(answers, "ageBand"), one(answers, "areaId"), answers.needs ?? []]);
      const ticked = Array.from(parts.choices.querySelectorAll<HTMLInputElement>("input:checked"), (i) => i.value);
      const keep = [...new Set([...chosen, ...ticked])];
      if (key === searched && parts.choices.childElementCount) return;
      searched = key;
      parts.choices.replaceChildren(...keep.map((id) => serviceChoice({ id, name: names.get(id) ?? "A service you chose", details: details.get(id) }, true)));
      void load(answers, keep, false);
    },
    more(answers: Answers) {
      const ticked = Array.from(parts.choices.querySelectorAll<HTMLInputElement>("input"), (i) => i.value);
      void load(answers, ticked, true);
    },
    /** Forgets the list (Exit this page). */
    clear() {
      searched = "";
      details.clear();
      parts.choices.replaceChildren();
      parts.status.textContent = "";
      parts.more.hidden = true;
    },
  };
}
