import { api } from "./api";

/**
 * One CloudFront distribution for everything, so the pages and the API share an origin:
 * cookies, CSP `'self'` and form posts behave exactly as in `npm start`.
 */
export const router = new sst.aws.Router("Router");

// Path prefixes: "/api" matches "/api" and "/api/…" but not "/apiary" (the Router matches on
// whole segments). Anything not matched here falls through to the static site below.
router.route("/api", api.url);
router.route("/openreferral", api.url);

/** The Astro site, built to static files (`site/dist`) and served from S3 through the Router. */
export const site = new sst.aws.StaticSite("Site", {
  path: "site",
  build: {
    // Runs in `site/`; npm finds the root package.json, whose script is `astro build --root site`.
    command: "npm run build:site",
    output: "dist",
  },
  errorPage: "404.html",
  router: { instance: router },
});
