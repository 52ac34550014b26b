import { Hono } from "hono";
import type { DirectoryFeature } from "../features/directory";

/** `GET /api/areas`: the local authorities a person can choose, with their postcode districts. */
export const areaRoutes = (directory: DirectoryFeature) =>
  new Hono().get("/", async (c) => c.json({ areas: await directory.listAreas() }));
