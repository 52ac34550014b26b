/**
 * What the WAF in front of OneDoor's CloudFront (stacks/router.ts) lets one address send in
 * 5 minutes before the edge blocks it. Each is above the API's own per-address limit over the
 * same time (tests/unit/edge-limits.test.ts), so a person meets the API's kind words first
 * ("Please wait a few minutes, then try again", with their answers kept) and the WAF only
 * stops floods the API should never have to answer.
 */
export const WAF_WINDOW_SECONDS = 300;

/** Anything at all from one address. */
export const WAF_LIMIT_EVERYTHING = 2000;

/** The public POST paths and the two sign-ins, each with a tighter limit of its own. */
export const WAF_PATH_LIMITS = [
  { name: "AskForSupport", path: "/api/requests", limit: 150 },
  { name: "GiveFeedback", path: "/api/feedback", limit: 150 },
  { name: "CheckInSignIn", path: "/api/check-in/sign-in", limit: 100 },
  { name: "StaffSignIn", path: "/api/staff/sign-in", limit: 150 },
] as const;
