import { LAMBDA_BUNDLING } from "./lambda-bundling";
import { retentionMonths } from "./api";
import { table } from "./database";

/**
 * Every day, personal data of requests that finished more than the retention period ago is
 * removed (functions/sweep.ts). The request item's TTL is a second way; this does not rely on it.
 */
export const retentionSweep = new sst.aws.Cron("RetentionSweep", {
  schedule: "rate(1 day)",
  function: {
    handler: "functions/sweep.handler",
    runtime: "nodejs24.x",
    nodejs: LAMBDA_BUNDLING,
    architecture: "arm64",
    timeout: "5 minutes",
    // Measured (npm run bench, section 5): about 85 MB once imported, and it works a page of items at a time. The job
    // waits on DynamoDB, not the CPU, so it needs no more than this.
    memory: "512 MB",
    link: [table],
    // Our log lines are JSON already (functions/log.ts) and never hold personal data; a month is
    // long enough to look into a problem, and no longer.
    logging: { retention: "1 month", format: "json" },
    environment: { RETENTION_MONTHS: retentionMonths },
  },
});
