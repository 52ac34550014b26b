import { randomUUID } from "node:crypto";
import type { Database } from "../db/client";
import { groupRepository } from "../db/groups";
import { staffRepository } from "../db/staff";
import type { Grant, Role } from "../domain/roles";
import type { StaffAccount } from "../domain/staff";
import { hashPassword } from "../security/passwords";
import { EXAMPLE_AREAS, EXAMPLE_ORGANISATIONS } from "./seed";

/** A demo sign-in: printed by `npm start` so a developer can try every role. */
export type DemoStaff = { role: Role; email: string; password: string; totpSecret: string };

// Fixed so an authenticator app set up once keeps working across restarts. Local demo only.
const DEMO_TOTP_SECRETS: Record<Role, string> = {
  worker: "JBSWY3DPEHPK3PXPWORKERAAAAAAAAAA",
  manager: "JBSWY3DPEHPK3PXPMANAGERAAAAAAAAA",
  navigator: "JBSWY3DPEHPK3PXPNAVIGATORAAAAAAA",
  moderator: "JBSWY3DPEHPK3PXPMODERATORAAAAAAA",
  facilitator: "JBSWY3DPEHPK3PXPFACILITATORAAAAA",
  commissioner: "JBSWY3DPEHPK3PXPCOMMISSIONERAAAA",
  admin: "JBSWY3DPEHPK3PXPADMINAAAAAAAAAAA",
};

/** The demo facilitator's contributors' group, set up with the demo accounts. */
const DEMO_GROUP_ID = "5f0c7a52-8a0d-4b9e-9d55-1c2f0e6a7d01";

function grantFor(role: Role): Grant {
  const organisationId = EXAMPLE_ORGANISATIONS[0]!.id;
  const areaId = EXAMPLE_AREAS[0]!.id;
  if (role === "worker" || role === "manager") return { role, organisationId };
  if (role === "navigator" || role === "commissioner") return { role, areaId };
  if (role === "facilitator") return { role, groupId: DEMO_GROUP_ID };
  return { role };
}

/**
 * Adds one demo account per role (if missing). Refuses outright unless the database is DynamoDB
 * Local: demo passwords are printed in the terminal and must never exist in a deployed stage.
 */
export async function seedDemoStaff(db: Database, endpoint: string | undefined): Promise<DemoStaff[]> {
  const host = endpoint ? new URL(endpoint).hostname : "";
  if (!["127.0.0.1", "localhost"].includes(host) || process.env.SST_STAGE || process.env.AWS_LAMBDA_FUNCTION_NAME) {
    throw new Error("Demo staff accounts are only for DynamoDB Local on this machine. Refusing to create them here.");
  }
  const staff = staffRepository(db);
  const demos: DemoStaff[] = [];
  for (const role of Object.keys(DEMO_TOTP_SECRETS) as Role[]) {
    const demo = { role, email: `${role}@demo.onedoor.invalid`, password: `demo-${role}-password`, totpSecret: DEMO_TOTP_SECRETS[role] };
    demos.push(demo);
    if (await staff.getAccountByEmail(demo.email)) continue;
    const now = new Date().toISOString();
    const account: StaffAccount = {
      id: randomUUID(),
      email: demo.email,
      name: `Demo ${role}`,
      grants: [grantFor(role)],
      passwordHash: await hashPassword(demo.password),
      totpSecret: demo.totpSecret,
      recoveryCodeHashes: [],
      createdAt: now,
      updatedAt: now,
    };
    await staff.createAccountDirectly(account);
  }
  await seedDemoGroup(db);
  return demos;
}

/** The group the demo facilitator records sessions for, run by the first example organisation. */
async function seedDemoGroup(db: Database): Promise<void> {
  const groups = groupRepository(db);
  if (await groups.getGroup(DEMO_GROUP_ID)) return;
  const now = new Date().toISOString();
  await groups.saveGroup({
    id: DEMO_GROUP_ID,
    name: "Example young people's group",
    areaId: EXAMPLE_AREAS[0]!.id,
    description: "An example group of young people who meet each month. Local demo only.",
    organisationId: EXAMPLE_ORGANISATIONS[0]!.id,
    createdAt: now,
    updatedAt: now,
  });
}
