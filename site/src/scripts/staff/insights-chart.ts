import { scaleLinear } from "d3-scale";
import { cellWords, type Table } from "../../../../functions/domain/insights";

/**
 * A table's first column as horizontal bars, in SVG drawn here (no chart service, nothing
 * leaves the origin). Readable without colour: one series, every bar labelled with its number
 * in words ("15", "fewer than 5"), and a hidden count draws no bar at all, so a bar never hints
 * at a number that is not shown. The SVG is an image named by the table's one-sentence summary;
 * the numbers themselves are read from the table beside it.
 */

const NS = "http://www.w3.org/2000/svg";
/** The drawing's own units: it scales to the width of the page. */
const WIDTH = 320;
const ROW = 42;
const LABEL_CHARS = 46;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A long label is cut short in the chart only: the table beside it has all of it. */
const shortLabel = (label: string) => (label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1).trimEnd()}…` : label);

/** The bars for a table of `chart: "bars"`, or nothing when it has no rows to draw. */
export function barChart(table: Table, summaryId: string): SVGSVGElement | undefined {
  const rows = table.rows.filter((r) => !r.total);
  if (!rows.length) return undefined;
  const values = rows.map((r) => {
    const cell = r.cells[0];
    return cell && "value" in cell ? cell.value : undefined;
  });
  const x = scaleLinear()
    .domain([0, Math.max(5, ...values.map((v) => v ?? 0))])
    .range([0, WIDTH - 70]);
  const height = rows.length * ROW + 4;
  const chart = svg("svg", { viewBox: `0 0 ${WIDTH} ${height}`, width: "100%", role: "img", "aria-labelledby": summaryId, class: "insights-chart", focusable: "false" });
  rows.forEach((row, i) => {
    const top = i * ROW;
    const value = values[i];
    const g = svg("g", { transform: `translate(0 ${top})` });
    g.append(svg("text", { x: 0, y: 13, class: "insights-chart__label" }, shortLabel(row.label)));
    const length = value === undefined ? 0 : x(value);
    if (length > 0) g.append(svg("rect", { x: 0, y: 19, width: Math.max(length, 2), height: 16, class: "insights-chart__bar" }));
    g.append(svg("text", { x: length + 6, y: 32, class: "insights-chart__value" }, cellWords(row.cells[0] ?? { text: "" })));
    chart.append(g);
  });
  return chart;
}
