import type { Service } from "../../../../functions/domain/directory";
import { SERVICE_STATUSES } from "../../../../functions/domain/vocabulary";
import { byId, el } from "../dom";
import { getStaff } from "./api";
import { formatDate, showContent, showLoadError, startStaffPage } from "./page";
import { loadNames, mayEver } from "./session";

/** "About 6 weeks", "No wait", "Not known". */
export function waitText(weeks: number | null): string {
  if (weeks === null) return "Not known";
  if (weeks === 0) return "No wait";
  return `About ${weeks} ${weeks === 1 ? "week" : "weeks"}`;
}

/** The services the person's roles let them see, each linking to its edit page. */
export function startServices(): Promise<void> {
  return startStaffPage(async (me) => {
    const result = await getStaff<{ services: Service[] }>("/api/staff/services");
    if (!result.ok) {
      showLoadError(result.status, result.error);
      return;
    }
    const services = result.data.services;
    const names = await loadNames(me, [...new Set(services.map((s) => s.organisationId))]);
    byId("services-intro").textContent = mayEver(me, "organisation.list")
      ? "Every service in the directory."
      : "The services your organisation runs.";
    byId("services").replaceChildren(
      ...services.map((s) =>
        el(
          "li",
          { class: "card" },
          el("h2", { class: "staff-card-title" }, el("a", { href: `/staff/service/?id=${encodeURIComponent(s.id)}` }, s.name)),
          el("p", { class: "card__org" }, names.organisations.get(s.organisationId) ?? ""),
          el(
            "p",
            {},
            el("span", { class: s.status === "active" ? "tag tag--open" : "tag tag--paused" }, SERVICE_STATUSES[s.status]),
            s.isExample ? " " : "",
            s.isExample ? el("span", { class: "tag" }, "Example") : "",
          ),
          el("p", {}, `Expected wait: ${waitText(s.expectedWaitWeeks)}, updated ${formatDate(s.waitUpdatedAt)}.`),
        ),
      ),
    );
    byId("no-services").hidden = services.length > 0;
    showContent();
  });
}
