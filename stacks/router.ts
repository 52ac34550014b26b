import { SECURITY_HEADERS } from "../functions/http/security-headers";
import { WAF_LIMIT_EVERYTHING, WAF_PATH_LIMITS, WAF_WINDOW_SECONDS } from "../functions/http/edge-limits";
import { ORIGIN_SECRET_HEADER } from "../functions/http/source";
import { EDGE_CACHE_TTLS } from "../functions/http/edge-caching";

/**
 * The security headers on every response the CDN sends, pages and API alike: the very record
 * the local server uses (`functions/http/security-headers.ts`), written into the CloudFront
 * viewer-response function, so local and deployed headers cannot drift.
 */
const securityHeaderInjection = Object.entries(SECURITY_HEADERS)
  .map(([name, value]) => `event.response.headers[${JSON.stringify(name)}] = { value: ${JSON.stringify(value)} };`)
  .join("\n");

/**
 * The site's own domain, if it has one (`ONEDOOR_DOMAIN=onedoor.example.org npx sst deploy`);
 * otherwise the distribution's cloudfront.net address.
 */
const domain = process.env.ONEDOOR_DOMAIN || undefined;

/**
 * One CloudFront distribution for everything, so the pages and the API share an origin:
 * cookies, CSP `'self'` and form posts behave exactly as in `npm start`. Its routes are added in
 * `site.ts`; they are separate resources, so the API can be given this URL without a cycle.
 */
/**
 * What CloudFront adds to every request it sends on, so the API can tell them from requests sent
 * to its public function URL directly (functions/http/source.ts): those are refused, and only
 * CloudFront's word for the viewer's address is believed. Any long random string, set once per
 * stage: `npx sst secret set OriginSecret "$(openssl rand -base64 32)"`. It sits in the
 * viewer-request function's code, readable by whoever can read the distribution's settings.
 */
export const originSecret = new sst.Secret("OriginSecret");

/** One WAF rule: at most `limit` POSTs to exactly `path` from one address in 5 minutes. */
const pathRateRule = (rule: (typeof WAF_PATH_LIMITS)[number], priority: number) => ({
  name: `RateLimit${rule.name}`,
  priority,
  action: { block: {} },
  statement: {
    rateBasedStatement: {
      limit: rule.limit,
      evaluationWindowSec: WAF_WINDOW_SECONDS,
      aggregateKeyType: "IP",
      scopeDownStatement: {
        andStatement: {
          statements: [
            { byteMatchStatement: { searchString: rule.path, fieldToMatch: { uriPath: {} }, positionalConstraint: "EXACTLY", textTransformations: [{ priority: 0, type: "NONE" }] } },
            { byteMatchStatement: { searchString: "POST", fieldToMatch: { method: {} }, positionalConstraint: "EXACTLY", textTransformations: [{ priority: 0, type: "NONE" }] } },
          ],
        },
      },
    },
  },
  visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: `OneDoorRateLimit${rule.name}`, sampledRequestsEnabled: true },
});

export const router = new sst.aws.Router("Router", {
  domain,
  // AWS's managed rule groups (common attacks, known bad inputs, SQL injection) and a limit on
  // everything from one address, then a tighter limit of our own on each public POST path and
  // both sign-ins (functions/http/edge-limits.ts), after SST's rules.
  waf: { rateLimitPerIp: WAF_LIMIT_EVERYTHING, managedRules: { coreRuleSet: true, knownBadInputs: true, sqlInjection: true } },
  transform: {
    // Nothing is cached unless the origin says it may be (functions/http/edge-caching.ts).
    cachePolicy: (args) => {
      Object.assign(args, EDGE_CACHE_TTLS);
    },
    waf: (args) => {
      args.rules = $output(args.rules).apply((rules) => [...(rules ?? []), ...WAF_PATH_LIMITS.map((rule, i) => pathRateRule(rule, 100 + i))]);
    },
  },
  edge: {
    // Written over whatever a viewer sent under the same name.
    viewerRequest: { injection: originSecret.value.apply((secret) => `event.request.headers[${JSON.stringify(ORIGIN_SECRET_HEADER)}] = { value: ${JSON.stringify(secret)} };`) },
    viewerResponse: { injection: securityHeaderInjection },
  },
});

/**
 * The origin every link in an email, the Origin check and the cookies use (PUBLIC_ORIGIN in the
 * functions): the custom domain when set, else the cloudfront.net URL, as SST reports it.
 *
 * Why not read it from the request: SST's Router copies the viewer's `Host` into
 * `X-Forwarded-Host` before calling the function URL, and forwards every other viewer header
 * (CloudFront's AllViewerExceptHostHeader policy), `X-Forwarded-Proto` included. And the function
 * URL itself is public, so anyone can call it directly with whatever `X-Forwarded-Host` they like.
 * None of those headers can be trusted to name the site, so the functions never read them.
 */
export const publicOrigin = router.url.apply((url) => new URL(url).origin);
