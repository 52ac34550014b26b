import { stringify } from "csv-stringify/sync";
import { Hono } from "hono";
import * as z from "zod";
import { AreaIdSchema } from "../domain/directory";
import { cellWords } from "../domain/insights";
import type { InsightsFeature } from "../features/insights";
import type { StaffAuthFeature } from "../features/staff-auth";
import { AppError } from "../errors";
import { requireStaff, staffOf, type StaffVariables } from "../http/staff-session";
import { validate } from "../http/validate";

/** A fixed period: a whole calendar quarter, the only one insights are served for (disclosure.ts rule 6). */
const PeriodQuery = z.object({
  areaId: AreaIdSchema.optional(),
  period: z.enum(["quarter"], { error: "Choose a quarter: insights are for whole calendar quarters only." }).default("quarter"),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Choose a month, like 2026-11.").optional(),
});

/** `/api/staff/insights`: an area's figures for a period, and any of its tables as CSV with the same cells. */
export const insightsRoutes = (auth: StaffAuthFeature, insights: InsightsFeature, now: () => number) => {
  const thisMonth = () => {
    const d = new Date(now());
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString().slice(0, 7);
  };
  const read = (c: Parameters<typeof staffOf>[0], q: z.infer<typeof PeriodQuery>) => insights.read(staffOf(c), { areaId: q.areaId, period: { kind: q.period, month: q.month ?? thisMonth() } });
  return new Hono<{ Variables: StaffVariables }>()
    .use(requireStaff(auth.authenticate))
    .get("/", validate("query", PeriodQuery), async (c) => c.json(await read(c, c.req.valid("query"))))
    .get("/csv", validate("query", PeriodQuery.extend({ table: z.string().regex(/^[a-z-]{1,60}$/, "Choose a table.") })), async (c) => {
      const query = c.req.valid("query");
      const insights = await read(c, query);
      const table = insights.sections.flatMap((s) => s.tables).find((t) => t.id === query.table);
      if (!table) throw new AppError("insights.no_such_table", 404, "There is no table with that name.");
      const csv = stringify([[table.rowHeader, ...table.columns], ...table.rows.map((r) => [r.label, ...r.cells.map(cellWords)])]);
      const name = `${table.id}-${insights.area.id}-${insights.period.kind}-${insights.period.month}.csv`;
      return c.body(csv, 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" });
    });
};
