/**
 * The one origin a deployment's pages are served from, fixed when the deployment starts: SST
 * passes it to the functions from the Router's URL (its custom domain if it has one), and
 * `npm start` from its own address. Every link in an email, the Origin check and the session
 * cookie's Secure decision use this alone. Nothing reads `Host`, `X-Forwarded-Host` or
 * `X-Forwarded-Proto` for them: a client writes those, so a link built from them could point
 * staff at someone else's sign-in page.
 */
export type SiteOrigin = {
  /** Scheme, host and port only, as a browser sends it in `Origin`: `https://onedoor.example.org`. */
  origin: string;
  /** Plain http on this machine, where a cookie cannot be Secure. Never true for an https origin. */
  local: boolean;
};

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Checks a configured origin and says plainly what to fix if it is not one. */
export function siteOrigin(value: string): SiteOrigin {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_ORIGIN must be the site's address, like https://onedoor.example.org, not "${value}".`);
  }
  if (url.origin !== value.replace(/\/$/, "")) {
    throw new Error(`PUBLIC_ORIGIN must be a scheme and host only, like ${url.origin}, with no path, query or login: "${value}".`);
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    throw new Error(`PUBLIC_ORIGIN must use https unless it is this machine (localhost): "${value}".`);
  }
  return { origin: url.origin, local: local && url.protocol === "http:" };
}

/**
 * The origin a deployed function was given. A missing setting stops the function from starting,
 * rather than letting it guess from a request.
 */
export function siteOriginFromEnvironment(env: Record<string, string | undefined> = process.env): SiteOrigin {
  const value = env.PUBLIC_ORIGIN;
  if (!value) {
    throw new Error("PUBLIC_ORIGIN is not set. It is the site's address (https://…), which SST passes from the Router's URL; OneDoor will not guess it from a request.");
  }
  return siteOrigin(value);
}
