import type { Context, MiddlewareHandler } from "hono";
import type { SiteOrigin } from "../domain/site-origin";

declare module "hono" {
  interface ContextVariableMap {
    siteOrigin: SiteOrigin;
  }
}

/** Puts the deployment's configured origin on every request, for the Origin check and the cookies. */
export const withSiteOrigin = (site: SiteOrigin): MiddlewareHandler => async (c, next) => {
  c.set("siteOrigin", site);
  await next();
};

/** The configured origin (never the request's own headers). */
export function siteOf(c: Context): SiteOrigin {
  const site = c.get("siteOrigin");
  if (!site) throw new Error("withSiteOrigin() must run before anything that needs the site's origin.");
  return site;
}
