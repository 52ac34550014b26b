import { api } from "./api";
import { router } from "./router";

// Path prefixes: "/api" matches "/api" and "/api/…" but not "/apiary" (the Router matches on
// whole segments). Anything not matched here falls through to the static site below.
router.route("/api", api.url);
router.route("/openreferral", api.url);

/** The Astro site, built to static files (`site/dist`) and served from S3 through the Router. */
export const site = new sst.aws.StaticSite("Site", {
  path: "site",
  build: {
    // SST runs this in `site/`. `--prefix ..` names the root package.json outright: npm would
    // otherwise stop at `site/node_modules/`, the cache folder Astro creates on its first build.
    command: "npm --prefix .. run build:site",
    output: "dist",
  },
  errorPage: "404.html",
  router: { instance: router },
  // In `sst dev` the site is still built and served through the Router, so pages and the live
  // API keep one origin. The quick local loop is `npm start`, not a second Astro dev server.
  dev: false,
});
