import { handle } from "hono/aws-lambda";
import { Resource } from "sst";
import { createApp } from "./app";
import { siteOriginFromEnvironment } from "./domain/site-origin";
import { createDatabase } from "./db/client";
import { sesMailer } from "./email/ses";
import { kmsFieldCipher } from "./security/field-encryption";

/**
 * What `link: [table]` in `stacks/api.ts` gives this function. SST generates these types into
 * `sst-env.d.ts` only when it runs the app, so they are stated here for a fresh clone's `tsc`.
 */
type LinkedResources = { Table: { name: string }; FieldKey: { arn: string }; HashKey: { value: string }; MailFrom: { value: string }; OriginSecret: { value: string } };

const linked = Resource as unknown as LinkedResources;

const app = createApp({
  db: createDatabase({ tableName: linked.Table.name }),
  hashKey: Buffer.from(linked.HashKey.value, "base64"),
  mailer: sesMailer(linked.MailFrom.value),
  fieldCipher: kmsFieldCipher(linked.FieldKey.arn),
  retentionMonths: Number(process.env.RETENTION_MONTHS ?? 12),
  // CloudFront adds it to every request (stacks/router.ts): the public function URL refuses anything else.
  originSecret: linked.OriginSecret.value,
  // Set by stacks/api.ts from the Router's URL; a function without it refuses to start.
  publicOrigin: siteOriginFromEnvironment().origin,
});

/** The Lambda entry point (`stacks/api.ts`): the same app `npm start` and the tests run. */
export const handler = handle(app);
