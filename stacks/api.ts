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
  // From `npm run bench` (section 5): the bundle takes about 100 MB once imported and peaks at about
  // 230 MB with a staff password hash (scrypt, 128 MiB), so 512 MB would hold it. But a Lambda's
  // CPU grows with its memory, and that hash took about 345 ms of one whole core here: at 512 MB
  // (0.29 of a vCPU) a sign-in would take over a second and a cold start's import about 0.5 s; at
  // 1,024 MB both halve, for about the same cost, since CPU-bound time shrinks as the price rises.
  memory: "1024 MB",
  // Longer than the database client's worst case (two tries of a 1 s connect and a 5 s request,
  // db/client.ts), so an unreachable database is answered with a clean 503, not a Lambda timeout.
  timeout: "15 seconds",
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
