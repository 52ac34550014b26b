import { table } from "./database";

/**
 * The Hono API (`functions/app.ts`) as one Lambda. Its function URL is only an origin for
 * the Router in `site.ts`, which serves it on the site's own domain; browsers never call it
 * cross-origin, so the URL allows no CORS.
 */
export const api = new sst.aws.Function("Api", {
  handler: "functions/handler.handler",
  runtime: "nodejs24.x",
  architecture: "arm64",
  memory: "512 MB",
  timeout: "10 seconds",
  // The link is the table's only grant: it gives the function the table's name and access.
  link: [table],
  url: { cors: false },
});
