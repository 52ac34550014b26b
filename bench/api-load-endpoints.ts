/**
 * The API calls the load bench sends (issue 14): what a page sends for each, made unique where
 * the real ones are (a new idempotency key and phone number per request, a different person's
 * check-in each time). Shared by the server, which records each call's DynamoDB shape, and the
 * load generator, which sends them.
 */
import { randomUUID } from "node:crypto";

/** The app's public origin in the bench: every unsafe request says it comes from it. */
export const BENCH_ORIGIN = "http://localhost";
export const BENCH_AREA = "E06000023"; // Bristol

/** What the server set up for the calls: two services to ask, people signed in to check in, a commissioner's session. */
export type Fixtures = { serviceIds: [string, string]; checkInCookies: string[]; commissionerCookie: string };

export type BenchCall = { method: "GET" | "POST"; path: string; headers: Record<string, string>; body?: string };

export type Endpoint = { name: string; label: string; call: (fixtures: Fixtures, n: number) => BenchCall };

const json = (headers: Record<string, string>, body: unknown) => ({ headers: { origin: BENCH_ORIGIN, "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

export const ENDPOINTS: Endpoint[] = [
  {
    name: "search",
    label: "service search (an area)",
    call: () => ({ method: "GET", path: `/api/services?area=${BENCH_AREA}`, headers: {} }),
  },
  {
    name: "submission",
    label: "asking for support",
    call: ({ serviceIds }, n) => ({
      method: "POST",
      path: "/api/requests",
      ...json({ "idempotency-key": randomUUID() }, {
        asker: "self",
        ageBand: "14-15",
        areaId: BENCH_AREA,
        needs: ["someone-to-talk-to", "therapy"],
        serviceIds,
        message: "I would like to talk to someone. I can talk after school on most days.",
        contact: { method: "text", phone: `07700 9${String(n % 100_000).padStart(5, "0")}`, safeDays: ["MO", "WE"], safeTimes: ["afternoon"], voicemailOk: false, sayWhoWeAre: false },
        safeNow: "yes",
        consentServiceIds: serviceIds,
        consentToCoordination: true,
      }),
    }),
  },
  {
    name: "check-in",
    label: "check-in: seeing where it is",
    call: ({ checkInCookies }, n) => ({ method: "GET", path: "/api/check-in", headers: { cookie: checkInCookies[n % checkInCookies.length]! } }),
  },
  {
    name: "feeling",
    label: "check-in: saying how they are",
    call: ({ checkInCookies }, n) => ({ method: "POST", path: "/api/check-in/feeling", ...json({ cookie: checkInCookies[n % checkInCookies.length]! }, { feeling: "okay" }) }),
  },
  {
    name: "feedback",
    label: "giving feedback, with words",
    call: ({ serviceIds }) => ({
      method: "POST",
      path: "/api/feedback",
      ...json({ "idempotency-key": randomUUID() }, { serviceId: serviceIds[0], usage: "used", scores: { listened: 5, safe: 4 }, text: "They listened to me and I felt safe. The wait was long." }),
    }),
  },
  {
    name: "insights",
    label: "insights for an area (commissioner)",
    call: ({ commissionerCookie }) => ({ method: "GET", path: `/api/staff/insights?areaId=${BENCH_AREA}`, headers: { cookie: commissionerCookie } }),
  },
];
