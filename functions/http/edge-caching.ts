/**
 * How CloudFront (stacks/router.ts) may cache what passes through it. SST's Router has one cache
 * policy for every route, pages and API alike, and its cache key leaves out cookies: a cached
 * answer to `GET /api/check-in` would be served to the next person. So nothing is cached unless
 * the origin says it may be:
 * - `minTtl: 0` lets an origin's `Cache-Control: no-store` stand (a higher minimum would override it);
 * - `defaultTtl: 0` means an answer that says nothing about caching is not cached either.
 * Every API answer says `no-store` (functions/app.ts, checked on every hostile input in
 * tests/api/hostile-input.test.ts); the site's built files say what S3 was told when SST uploaded them.
 */
export const EDGE_CACHE_TTLS = { minTtl: 0, defaultTtl: 0, maxTtl: 31_536_000 } as const;

/** What every API answer says, so CloudFront, a proxy or the browser keeps none of it. */
export const API_CACHE_CONTROL = "no-store";
