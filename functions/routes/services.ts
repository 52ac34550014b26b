import { Hono } from "hono";
import * as z from "zod";
import { SearchFiltersSchema } from "../domain/search";
import { AppError } from "../errors";
import type { DirectoryFeature } from "../features/directory";
import { validate } from "../http/validate";
import { CRISIS_LINES } from "../data/crisis-lines";

/** `GET /api/services` (search) and `GET /api/services/:id`. National helplines come with every search. */
export const serviceRoutes = (directory: DirectoryFeature) =>
  new Hono()
    .get("/", validate("query", SearchFiltersSchema), async (c) => {
      const result = await directory.search(c.req.valid("query"));
      return c.json({
        services: result.items,
        page: result.page,
        perPage: result.perPage,
        totalItems: result.totalItems,
        totalPages: result.totalPages,
        nationalLines: CRISIS_LINES,
      });
    })
    .get("/:id", async (c) => {
      const id = z.uuid().safeParse(c.req.param("id"));
      if (!id.success) throw new AppError("service.not_found", 404, "We could not find that service. It may have moved or closed.");
      return c.json({ service: await directory.getService(id.data) });
    });
