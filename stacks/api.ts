import { LAMBDA_BUNDLING } from "./lambda-bundling";
import { table } from "./database";
import { fieldKeyLink } from "./encryption";
import { originSecret, publicOrigin } from "./router";

/**
 * The key for keyed hashes of source addresses and emails (audit log, sign-in limits): 32
 * random bytes, base64. Set once per stage: `npx sst secret set HashKey "$(openssl rand -base64 32)"`.
 */
export const hashKey = new sst.Secret("HashKey");

/** The verified SES sender for invites and notifications: `npx sst secret set MailFrom onedoor@your-domain`. */
export const mailFrom = new sst.Secret("MailFrom");

/**
 * How many months personal data is kept after a request has finished: a per-deployment setting
 * (`RETENTION_MONTHS=24 npx sst deploy`), 12 unless set.
 */
export const retentionMonths = process.env.RETENTION_MONTHS ?? "12";

/**
 * The Hono API (`functions/app.ts`) as one Lambda. Its function URL is only an origin for
 * the Router in `site.ts`, which serves it on the site's own domain; browsers never call it
 * cross-origin, so the URL allows no CORS.
 */
export const api = new sst.aws.Function("Api", {
  handler: "functions/handler.handler",
  runtime: "nodejs24.x",
  nodejs: LAMBDA_BUNDLING,
  architecture: "arm64",
  memory: "512 MB",
  timeout: "10 seconds",
  // The links grant the table (name and access), the field key (encrypt/decrypt) and the secrets'
  // values, the origin secret among them (only requests that came through CloudFront are answered).
  link: [table, fieldKeyLink, hashKey, mailFrom, originSecret],
  // Sending mail is the one grant beyond its links. SES identities are per deployment, so the
  // resource is narrowed to this account's identities rather than named here.
  permissions: [{ actions: ["ses:SendEmail"], resources: ["arn:aws:ses:*:*:identity/*"] }],
  url: { cors: false },
  // Our log lines are JSON already (functions/log.ts) and never hold personal data; a month is
  // long enough to look into a problem, and no longer.
  logging: { retention: "1 month", format: "json" },
  environment: { RETENTION_MONTHS: retentionMonths, PUBLIC_ORIGIN: publicOrigin },
});
