import { LAMBDA_BUNDLING } from "./lambda-bundling";
import { mailFrom } from "./api";
import { table } from "./database";
import { publicOrigin } from "./router";

/**
 * Every morning, each organisation's managers hear how many people on their waiting lists are
 * owed a check-in (functions/reminders.ts), in words that never say what the support is for.
 */
export const checkInReminders = new sst.aws.Cron("CheckInReminders", {
  // 07:00 UTC: before the working day, in winter and summer time alike.
  schedule: "cron(0 7 * * ? *)",
  function: {
    handler: "functions/reminders.handler",
    runtime: "nodejs24.x",
    nodejs: LAMBDA_BUNDLING,
    architecture: "arm64",
    timeout: "2 minutes",
    // Measured (npm run bench, section 5): about 85 MB once imported, and it works a page of items at a time. The job
    // waits on DynamoDB, not the CPU, so it needs no more than this.
    memory: "512 MB",
    link: [table, mailFrom],
    permissions: [{ actions: ["ses:SendEmail"], resources: ["arn:aws:ses:*:*:identity/*"] }],
    logging: { retention: "1 month", format: "json" },
    environment: { PUBLIC_ORIGIN: publicOrigin },
  },
});
