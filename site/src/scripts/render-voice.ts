import { OUTCOME_STATEMENTS, type OutcomeStatement } from "../../../functions/domain/feedback-labels";
import { RESPONSE_STATUSES, type ResponseStatus } from "../../../functions/domain/response-labels";
import { el } from "./dom";

/** What `GET /api/services/:id/voice` returns (functions/features/voice.ts), written here so no zod reaches the browser. */
export type ServiceVoice =
  | { enough: false; minimum: number }
  | {
      enough: true;
      approved: number;
      scores: { statement: OutcomeStatement; average: number; answered: number }[];
      excerpts: { text: string; month: string }[];
      reports: { groupName: string; date: string; participants: number; themes: string[]; summary?: string; recommendations?: string; quotes: string[] }[];
      responses: { target: "feedback" | "group-report"; status: ResponseStatus; text: string; why?: string; at: string }[];
    };

/** An average on the 1–5 scale as words a child can read: "Most people agreed". */
export function averageWords(average: number): string {
  if (average >= 4.5) return "Almost everyone agreed";
  if (average >= 3.5) return "Most people agreed";
  if (average > 2.5) return "People felt different things about this";
  if (average > 1.5) return "Most people did not agree";
  return "Almost nobody agreed";
}

const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
/** "December 2026" for "2026-12" or a full date: only ever the month. */
const monthWords = (isoOrMonth: string) => monthFormat.format(new Date(`${isoOrMonth.slice(0, 7)}-01T00:00:00Z`));

const SVG = "http://www.w3.org/2000/svg";
function svg(tag: string, attributes: Record<string, string>): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/**
 * A bar from 1 to 5 drawn as SVG (no style attributes, which the CSP forbids, and no request
 * elsewhere). It only repeats the words beside it, so screen readers skip it; its length and
 * outline, not its colour, carry the amount.
 */
function bar(average: number): SVGElement {
  const width = Math.max(0, Math.min(100, ((average - 1) / 4) * 100));
  const box = svg("svg", { class: "voice-bar", viewBox: "0 0 100 10", preserveAspectRatio: "none", "aria-hidden": "true", focusable: "false" });
  box.append(
    svg("rect", { class: "voice-bar__track", x: "0", y: "0", width: "100", height: "10" }),
    svg("rect", { class: "voice-bar__fill", x: "0", y: "0", width: String(width), height: "10" }),
  );
  return box;
}

/** One statement: "Most people agreed: I felt listened to", the bar, and the number in words. */
function score({ statement, average, answered }: { statement: OutcomeStatement; average: number; answered: number }): HTMLLIElement {
  return el(
    "li",
    { class: "voice-score" },
    el("p", { class: "voice-score__words" }, el("strong", {}, `${averageWords(average)}:`), ` ${OUTCOME_STATEMENTS[statement]}`),
    bar(average),
    el("p", { class: "muted voice-score__detail" }, `${average.toLocaleString("en-GB")} out of 5. ${answered} people answered this.`),
  );
}

/**
 * "What people said" for a service's page: not enough yet below the minimum, so nobody's answers
 * can be picked out; otherwise the averages, chosen words, group reports and "you said, we did".
 */
export function serviceVoice(voice: ServiceVoice): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const section = el("section", { class: "voice", "aria-labelledby": "voice-heading", id: "what-people-said" }, el("h2", { id: "voice-heading" }, "What people said"));
  fragment.append(section);
  if (!voice.enough) {
    section.append(
      el("p", {}, "Not enough people have told us about this service yet. We wait until there are more, so that no one person's answers can be picked out."),
    );
    return fragment;
  }
  section.append(el("p", {}, `${voice.approved} people told us what this service was like. A OneDoor worker read everything first and took out anything that could show who wrote it.`));
  if (voice.scores.length) section.append(el("ul", { class: "voice-scores" }, ...voice.scores.map(score)));
  if (voice.excerpts.length) {
    section.append(
      el("h3", {}, "In their own words"),
      el("ul", { class: "voice-quotes" }, ...voice.excerpts.map((e) => el("li", {}, el("blockquote", {}, el("p", {}, e.text)), el("p", { class: "muted" }, monthWords(e.month))))),
    );
  }
  if (voice.reports.length) {
    section.append(el("h3", {}, "What groups of people told us"));
    for (const r of voice.reports) {
      const report = el(
        "div",
        { class: "voice-report panel" },
        el("h4", {}, `${r.groupName}, ${monthWords(r.date)}`),
        el("p", { class: "muted" }, `${r.participants} people took part.${r.themes.length ? ` They talked about: ${r.themes.join(", ")}.` : ""}`),
        r.summary ? el("p", {}, r.summary) : "",
        r.recommendations ? el("p", {}, el("strong", {}, "What they asked for: "), r.recommendations) : "",
      );
      const quotes = r.quotes.filter((q) => q.trim());
      if (quotes.length) report.append(el("ul", { class: "voice-quotes" }, ...quotes.map((q) => el("li", {}, el("blockquote", {}, el("p", {}, q))))));
      section.append(report);
    }
  }
  section.append(el("h3", {}, "You said, we did"));
  if (voice.responses.length) {
    section.append(
      el(
        "ul",
        { class: "voice-responses" },
        ...voice.responses.map((r) =>
          el(
            "li",
            { class: "panel panel--calm" },
            el("p", {}, el("strong", { class: "voice-status" }, RESPONSE_STATUSES[r.status])),
            el("p", {}, r.text),
            r.why ? el("p", {}, el("strong", {}, "Why: "), r.why) : "",
            el("p", { class: "muted" }, `Answered in ${monthWords(r.at)}.`),
          ),
        ),
      ),
    );
  } else {
    section.append(el("p", {}, "The service has not answered what people said yet."));
  }
  return fragment;
}
