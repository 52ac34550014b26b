import { afterEach, expect, test } from "vitest";
import { inject } from "vitest";
import { staffRepository } from "../../functions/db/staff";
import { seedDemoStaff } from "../../functions/local/demo-staff";
import { verifyPassword } from "../../functions/security/passwords";
import { freshDatabase } from "../support/database";

afterEach(() => {
  delete process.env.SST_STAGE;
});

test("npm start's demo accounts: one per role, made once, with the printed password", async () => {
  const db = await freshDatabase();
  const demos = await seedDemoStaff(db, inject("dynamoEndpoint"));
  expect(demos.map((d) => d.role).sort()).toEqual(["admin", "commissioner", "facilitator", "manager", "moderator", "navigator", "worker"]);
  await seedDemoStaff(db, inject("dynamoEndpoint"));
  const accounts = await staffRepository(db).listAccounts();
  expect(accounts).toHaveLength(7);
  const admin = accounts.find((a) => a.grants[0]?.role === "admin")!;
  expect(await verifyPassword(demos.find((d) => d.role === "admin")!.password, admin.passwordHash)).toBe(true);
}, 30_000);

test.each([
  ["a database in AWS", "https://dynamodb.eu-west-2.amazonaws.com", undefined],
  ["no endpoint (the deployed default)", undefined, undefined],
  ["a deployed stage", "LOCAL", "production"],
])("refuses to create demo accounts for %s", async (_, endpoint, stage) => {
  const db = await freshDatabase();
  if (stage) process.env.SST_STAGE = stage;
  await expect(seedDemoStaff(db, endpoint === "LOCAL" ? inject("dynamoEndpoint") : endpoint)).rejects.toThrow(/only for DynamoDB Local/);
  expect(await staffRepository(db).listAccounts()).toHaveLength(0);
});
