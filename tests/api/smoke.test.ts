import { expect, test } from "vitest";
import { seededApp } from "../support/database";

test("smoke", async () => {
  const { app, logger } = await seededApp();
  const res = await app.request("/api/services?area=E06000023&who=young-person");
  const body = await res.json();
  console.log(res.status, body.totalItems, body.services.map((s: any) => s.name));
  const bad = await app.request("/api/services?postcode=BS5%206XX&need=foo&age=abc");
  console.log(bad.status, JSON.stringify(await bad.json()));
  console.log((await app.request("/api/health")).status, logger.lines.length);
});
