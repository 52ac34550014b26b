import type { RouteStatus } from "../../../../functions/domain/route-status";
import { formatReference } from "../../../../functions/domain/request-codes";
import { byId, el } from "../dom";
import { getStaff } from "./api";
import { formatDate, showContent, showLoadError, startStaffPage } from "./page";
import { ago, askerWords, routeHref, statusLabel, statusTag, VIEW_STATUSES, weeksWords, type Inbox, type InboxView, type RouteSummary } from "./routes";

type Filters = { view: InboxView; status: string; serviceId: string };

const VIEW_WORDS: Record<InboxView, string> = { open: "open", closed: "closed" };

/** One request in the list: everything needed to choose what to open next, nothing that identifies the person. */
function row(route: RouteSummary): HTMLLIElement {
  const tags = [
    el("li", {}, statusTag(route.status)),
    route.urgent ? el("li", {}, el("span", { class: "tag tag--urgent" }, "Urgent")) : null,
    route.checkInOverdue ? el("li", {}, el("span", { class: "tag tag--duplicate" }, "Check-in due")) : null,
    route.possibleDuplicate ? el("li", {}, el("span", { class: "tag tag--duplicate" }, "Possible duplicate")) : null,
  ];
  return el(
    "li",
    { class: "card", "data-reference": route.reference },
    el(
      "h2",
      { class: "staff-card-title inbox-row__title" },
      el("a", { href: routeHref(route) }, el("span", { class: "visually-hidden" }, "Request "), formatReference(route.reference)),
    ),
    el("p", { class: "card__org" }, route.serviceName),
    el("ul", { class: "inbox-tags" }, ...tags),
    el("p", {}, askerWords(route)),
    el("p", {}, "Received ", el("time", { datetime: route.createdAt }, `${ago(route.createdAt)} (${formatDate(route.createdAt)})`)),
    route.allocatedTo ? el("p", {}, `Allocated to ${route.allocatedTo.name}`) : null,
    route.expectedWaitWeeks !== undefined && route.status === "waiting" ? el("p", {}, `Expected wait: ${weeksWords(route.expectedWaitWeeks).toLowerCase()}`) : null,
  );
}

const withCount = (label: string, count: number | undefined) => (count === undefined ? label : `${label} (${count})`);

/**
 * The provider inbox (PRODUCT.md J6): the routes to the organisation's services, filtered by
 * view, status and service. Filters are sent with fetch and never put in the address bar.
 */
export function startInbox(): Promise<void> {
  return startStaffPage(async () => {
    const form = byId<HTMLFormElement>("inbox-filters");
    const statusSelect = byId<HTMLSelectElement>("filter-status");
    const serviceSelect = byId<HTMLSelectElement>("filter-service");
    const rows = byId("inbox-rows");
    const status = byId("inbox-status");
    const problem = byId("inbox-problem");
    const empty = byId("inbox-empty");
    let shown = false;
    let loading = false;

    const chosenView = (): InboxView => (form.querySelector<HTMLInputElement>('input[name="view"]:checked')?.value === "closed" ? "closed" : "open");

    /** The status choices for a view; counts once the API has given them for that view. */
    function statusOptions(view: InboxView, counts?: Inbox["counts"]): void {
      const keep = statusSelect.value;
      statusSelect.replaceChildren(
        el("option", { value: "" }, withCount("Any status", counts?.all)),
        ...VIEW_STATUSES[view].map((s) => el("option", { value: s }, withCount(statusLabel(s), counts ? (counts.byStatus[s] ?? 0) : undefined))),
      );
      statusSelect.value = VIEW_STATUSES[view].includes(keep as RouteStatus) ? keep : "";
    }

    function serviceOptions(inbox: Inbox): void {
      const keep = serviceSelect.value;
      serviceSelect.replaceChildren(
        el("option", { value: "" }, withCount("All services", inbox.counts.all)),
        ...inbox.services.map((s) => el("option", { value: s.id }, withCount(s.name, inbox.counts.byService[s.id] ?? 0))),
      );
      serviceSelect.value = inbox.services.some((s) => s.id === keep) ? keep : "";
    }

    function showCounts(view: InboxView, inbox: Inbox): void {
      const { counts } = inbox;
      const byStatus = VIEW_STATUSES[view].map((s) => el("li", {}, `${statusLabel(s)}: ${counts.byStatus[s] ?? 0}`));
      const byService = inbox.services.map((s) => el("li", {}, `${s.name}: ${counts.byService[s.id] ?? 0}`));
      byId("inbox-counts").replaceChildren(
        el("li", {}, el("strong", {}, String(counts.all)), ` ${VIEW_WORDS[view]} ${counts.all === 1 ? "request" : "requests"}`),
        el("li", {}, el("strong", {}, String(counts.urgent)), " urgent"),
        el("li", {}, el("strong", {}, String(counts.checkInOverdue)), ` ${counts.checkInOverdue === 1 ? "check-in" : "check-ins"} due`),
        el(
          "li",
          {},
          el(
            "details",
            { class: "more" },
            el("summary", {}, "By status and service"),
            el("h3", {}, "By status"),
            el("ul", {}, ...byStatus),
            el("h3", {}, "By service"),
            el("ul", {}, ...byService),
          ),
        ),
      );
    }

    function describe(filters: Filters, inbox: Inbox, count: number): string {
      const parts = [VIEW_WORDS[filters.view]];
      if (filters.status) parts.push(statusLabel(filters.status as RouteStatus).toLowerCase());
      if (filters.serviceId) parts.push(inbox.services.find((s) => s.id === filters.serviceId)?.name ?? "one service");
      return `Showing ${count} ${count === 1 ? "request" : "requests"}: ${parts.join(", ")}.`;
    }

    async function load(filters: Filters): Promise<boolean> {
      const query = new URLSearchParams({ view: filters.view });
      if (filters.status) query.set("status", filters.status);
      if (filters.serviceId) query.set("serviceId", filters.serviceId);
      const result = await getStaff<Inbox>(`/api/staff/inbox?${query}`);
      if (!result.ok) {
        if (result.status === 403 || (!shown && result.status === 404)) {
          showLoadError(result.status, result.error);
          return false;
        }
        rows.replaceChildren();
        empty.hidden = true;
        status.textContent = "";
        byId("inbox-problem-message").textContent = result.error.message;
        problem.hidden = false;
        if (!shown) showContent();
        shown = true;
        byId("inbox-problem-heading").focus();
        return false;
      }
      const inbox = result.data;
      problem.hidden = true;
      statusOptions(filters.view, inbox.counts);
      serviceOptions(inbox);
      showCounts(filters.view, inbox);
      rows.replaceChildren(...inbox.routes.map(row));
      empty.hidden = inbox.routes.length > 0;
      byId("inbox-empty-hint").textContent =
        filters.status || filters.serviceId
          ? "No requests match these choices. Try another status or service."
          : filters.view === "open"
            ? "There are no open requests for your services just now."
            : "No requests for your services have been closed yet.";
      status.textContent = describe(filters, inbox, inbox.routes.length);
      if (!shown) showContent();
      shown = true;
      return true;
    }

    const read = (): Filters => ({ view: chosenView(), status: statusSelect.value, serviceId: serviceSelect.value });
    let last = read();

    async function run(filters: Filters): Promise<void> {
      if (loading) return;
      loading = true;
      last = filters;
      try {
        await load(filters);
      } finally {
        loading = false;
      }
    }

    statusOptions("open");
    serviceSelect.append(el("option", { value: "" }, "All services"));
    for (const radio of Array.from(form.querySelectorAll<HTMLInputElement>('input[name="view"]'))) {
      // The statuses on offer follow the view at once; the list changes only when asked.
      radio.addEventListener("change", () => statusOptions(chosenView()));
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void run(read());
    });
    byId("inbox-retry").addEventListener("click", async () => {
      await run(last);
      // The button has gone with the problem: focus moves to the line that says what is shown.
      if (problem.hidden) {
        status.setAttribute("tabindex", "-1");
        status.focus();
      }
    });
    await run(last);
  });
}
