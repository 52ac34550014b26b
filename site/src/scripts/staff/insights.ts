import { cellWords, quarterName, type Row, type Table } from "../../../../functions/domain/insights";
import type { Insights } from "../../../../functions/features/insights";
import { formatDate } from "../dates";
import { byId, el } from "../dom";
import { getStaff } from "./api";
import { barChart } from "./insights-chart";
import { showContent, showLoadError, startStaffPage } from "./page";

/** How many quarters back a commissioner can choose, the current one first. */
const QUARTERS_OFFERED = 8;

/** The first month ("2026-10") of each quarter offered, newest first, counted from `today`. */
export function quartersBefore(today: Date, count = QUARTERS_OFFERED): string[] {
  const out: string[] = [];
  let year = today.getUTCFullYear();
  let first = today.getUTCMonth() - (today.getUTCMonth() % 3);
  for (let i = 0; i < count; i++) {
    out.push(`${year}-${String(first + 1).padStart(2, "0")}`);
    first -= 3;
    if (first < 0) {
      first += 12;
      year -= 1;
    }
  }
  return out;
}

const csvHref = (query: URLSearchParams, table: string) => `/api/staff/insights/csv?${new URLSearchParams({ ...Object.fromEntries(query), table })}`;

function tableRow(row: Row): HTMLTableRowElement {
  return el(
    "tr",
    row.total ? { class: "insights-total" } : {},
    el("th", { scope: "row" }, row.label),
    ...row.cells.map((cell) => el("td", "text" in cell ? {} : { class: "insights-number" }, cellWords(cell))),
  );
}

/** One table: its heading, summary, chart if it has one, the table (scrolling sideways on a phone) and its CSV. */
function tableBlock(table: Table, query: URLSearchParams): HTMLElement {
  const summaryId = `summary-${table.id}`;
  const captionId = `caption-${table.id}`;
  const chart = table.chart === "bars" ? barChart(table, summaryId) : undefined;
  const body = table.rows.length
    ? el(
        "div",
        { class: "insights-scroll", role: "region", "aria-labelledby": captionId, tabindex: "0" },
        el(
          "table",
          { class: "insights-table", id: `table-${table.id}` },
          el("caption", { id: captionId, class: "visually-hidden" }, table.title),
          el("thead", {}, el("tr", {}, ...[table.rowHeader, ...table.columns].map((c) => el("th", { scope: "col" }, c)))),
          el("tbody", {}, ...table.rows.map(tableRow)),
        ),
      )
    : el("p", { class: "muted" }, "Nothing to show in this table for this quarter.");
  return el(
    "div",
    { class: "insights-block", "data-table": table.id },
    el("h3", {}, table.title),
    el("p", { id: summaryId }, table.summary),
    chart ?? "",
    body,
    table.note ? el("p", { class: "hint" }, table.note) : "",
    table.rows.length ? el("p", {}, el("a", { href: csvHref(query, table.id), download: "" }, `Download "${table.title}" as a spreadsheet (CSV)`)) : "",
  );
}

/** What people said in the area: approved quotes, group reports, and what providers have not answered. */
function voiceWords(voice: Insights["voice"]): HTMLElement {
  return el(
    "div",
    { class: "insights-block" },
    el("h3", {}, "What people said"),
    voice.quotes.length
      ? el("ul", { class: "insights-quotes" }, ...voice.quotes.map((q) => el("li", {}, el("blockquote", {}, q.text), el("p", { class: "hint" }, `About ${q.serviceName}, ${q.month}`))))
      : el("p", { class: "muted" }, "No approved words from people in this area yet."),
    el("h3", {}, "Group reports"),
    voice.reports.length
      ? el(
          "ul",
          { class: "insights-quotes" },
          ...voice.reports.map((r) =>
            el("li", {}, el("p", {}, el("strong", {}, r.groupName), `, ${formatDate(`${r.date}T12:00:00Z`)}, ${r.participants} ${r.participants === 1 ? "person" : "people"}`), el("p", { class: "report-text" }, r.summary ?? "No summary.")),
          ),
        )
      : el("p", { class: "muted" }, "No approved group reports for this area yet."),
    el("p", {}, el("a", { href: "/staff/group-reports/" }, "Read every group report")),
    el("h3", {}, "Not answered after 28 days"),
    voice.unanswered.length
      ? el("ul", {}, ...voice.unanswered.map((p) => el("li", {}, `${p.organisationName}: ${p.count} ${p.count === 1 ? "piece" : "pieces"} of feedback or reports`)))
      : el("p", { class: "muted" }, "Nothing is waiting for an answer for more than 28 days."),
  );
}

function render(insights: Insights, query: URLSearchParams): void {
  const contents = byId("insights-contents");
  contents.replaceChildren(...insights.sections.map((s) => el("li", {}, el("a", { href: `#insights-${s.id}` }, s.title))));
  byId("insights-sections").replaceChildren(
    ...insights.sections.map((section) =>
      el(
        "section",
        { class: "insights-section", id: `insights-${section.id}`, "aria-labelledby": `heading-${section.id}`, tabindex: "-1" },
        el("h2", { id: `heading-${section.id}` }, section.title),
        ...section.tables.map((t) => tableBlock(t, query)),
        section.id === "voice" ? voiceWords(insights.voice) : "",
      ),
    ),
  );
}

/** Whether anyone in the area asked in the period: the demand table's "All" row. */
function anyRequests(insights: Insights): boolean {
  const all = insights.sections.flatMap((s) => s.tables).find((t) => t.id === "demand-by-month")?.rows.find((r) => r.total);
  const cell = all?.cells[0];
  return !cell || !("value" in cell) || cell.value > 0;
}

/**
 * Commissioner insights (J8): an area's demand, access, gaps, equity and voice for a calendar
 * quarter, every count published through disclosure.ts. Admins choose any area. The choice is
 * sent with fetch and never reaches the address bar.
 */
export function startInsights(): Promise<void> {
  return startStaffPage(async () => {
    const form = byId<HTMLFormElement>("insights-choice");
    const areaField = byId("insights-area-field");
    const area = byId<HTMLSelectElement>("insights-area");
    const quarter = byId<HTMLSelectElement>("insights-quarter");
    const status = byId("insights-status");
    const problem = byId("insights-problem");
    const results = byId("insights-results");
    quarter.replaceChildren(...quartersBefore(new Date()).map((m) => el("option", { value: m }, quarterName(m))));
    let shown = false;
    let loading = false;
    /** What was last asked for, so Try again asks for it again. */
    let last: URLSearchParams | undefined;

    async function load(query: URLSearchParams): Promise<void> {
      last = query;
      status.textContent = "Loading insights…";
      results.setAttribute("aria-busy", "true");
      const result = await getStaff<Insights>(`/api/staff/insights?${query}`);
      results.removeAttribute("aria-busy");
      if (!result.ok) {
        if (!shown) {
          showLoadError(result.status, result.error);
          return;
        }
        status.textContent = "";
        byId("insights-problem-message").textContent = result.error.message;
        problem.hidden = false;
        byId("insights-problem-heading").focus();
        return;
      }
      problem.hidden = true;
      const insights = result.data;
      const areaQuery = new URLSearchParams({ areaId: insights.area.id, period: "quarter", month: insights.period.months[0]! });
      if (insights.areas.length > 1 && area.options.length === 0) area.replaceChildren(...insights.areas.map((a) => el("option", { value: a.id }, a.name)));
      areaField.hidden = insights.areas.length < 2;
      area.value = insights.area.id;
      quarter.value = insights.period.months[0]!;
      const period = quarterName(insights.period.months[0]!);
      byId("insights-for").textContent = `${insights.area.name}, ${period}`;
      byId("insights-empty").hidden = anyRequests(insights);
      render(insights, areaQuery);
      results.hidden = false;
      status.textContent = `Showing insights for ${insights.area.name}, ${period}.`;
      if (!shown) showContent();
      shown = true;
    }

    async function run(query: URLSearchParams): Promise<void> {
      if (loading) return;
      loading = true;
      try {
        await load(query);
      } finally {
        loading = false;
      }
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const query = new URLSearchParams({ period: "quarter", month: quarter.value });
      if (!areaField.hidden && area.value) query.set("areaId", area.value);
      void run(query);
    });
    byId("insights-retry").addEventListener("click", () => void run(last ?? new URLSearchParams({ period: "quarter", month: quarter.value })));
    await run(new URLSearchParams({ period: "quarter", month: quarter.value }));
  });
}
