import { Hono } from "hono";
import type { Database } from "../db/client";
import { isTableReachable } from "../db/table";

/** `GET /api/health`: 200 when the API can reach the database, 503 while it cannot. */
export const healthRoutes = (db: Database) =>
  new Hono().get("/", async (c) => {
    const database = await isTableReachable(db);
    return c.json({ status: database ? "ok" : "unavailable", database }, database ? 200 : 503);
  });
