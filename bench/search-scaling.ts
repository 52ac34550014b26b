import { memoryOutbox } from "../functions/email/outbox";
import { randomBytes } from "node:crypto";
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { createApp } from "../functions/app";
import { rawAesFieldCipher } from "../functions/security/field-encryption";
import { createDatabase, type Database } from "../functions/db/client";
import { directoryRepository, type DirectoryRepository } from "../functions/db/directory";
import { ensureTable } from "../functions/db/table";
import type { Area, Service } from "../functions/domain/directory";
import { NAME_SEARCH_LIMIT, SearchFiltersSchema } from "../functions/domain/search";
import { directoryFeature } from "../functions/features/directory";
import { startDynamoDbLocal } from "../functions/local/dynamodb";
import { EXAMPLE_AREAS, EXAMPLE_ORGANISATIONS, EXAMPLE_SERVICES } from "../functions/local/seed";
import { ms, summarise, table, type BudgetLine, type Summary } from "./stats";

export const SEARCHED_AREA = "E06000023"; // Bristol
export const SEARCHED_DISTRICT = "BS5"; // only in Bristol
export const LATENCY_RATIO_BUDGET = 1.5;
/** Words of a Bristol service's name, which B's synthetic services elsewhere also carry. */
export const NAME_SEARCHED = "harbour young";

/** How big the scenarios are and how hard to push; the defaults keep the whole bench to a few minutes. */
export type ScalingOptions = {
  smallServices: number;
  largeServices: number;
  servicesInSearchedArea: number;
  otherAreas: number;
  seedConcurrency: number;
  warmup: number;
  timed: number;
  /** The postcode search is the area search plus one query, so fewer samples do. */
  postcodeTimed: number;
  /** A search by name with no area reads at most NAME_SEARCH_LIMIT services, so it is sampled like the postcode search. */
  nameTimed: number;
};

export const DEFAULT_SCALING: ScalingOptions = {
  smallServices: 100,
  largeServices: 10_000,
  servicesInSearchedArea: 20,
  otherAreas: 300,
  seedConcurrency: 16,
  warmup: 20,
  timed: 300,
  postcodeTimed: 150,
  nameTimed: 150,
};

type Scenario = {
  label: "A" | "B";
  services: number;
  db: Database;
  repository: DirectoryRepository;
  app: ReturnType<typeof createApp>;
  seedMs: number;
  areaSeedMs: number;
};

type QueryTiming = { query: string; path: string; budgeted: boolean; a: Summary; b: Summary; ratio: number; sameResults: boolean };

type Capacity = { a: number; b: number };

/** Everything the search benchmark measured. */
export type ScalingResult = {
  options: ScalingOptions;
  seeding: { label: string; services: number; areas: number; areaSeedMs: number; serviceSeedMs: number }[];
  timings: QueryTiming[];
  capacity: { area: Capacity; postcode: Capacity; noArea: Capacity; name: Capacity };
  loadavg: { phase: string; load: number[] }[];
};

/** Runs `task` over `items` with at most `limit` in flight. */
async function mapLimit<T>(items: readonly T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The same services in the searched area, and the same national services, for both scenarios. */
function sharedServices(count: number): Service[] {
  const local = EXAMPLE_SERVICES.filter((s) => s.areaIds.includes(SEARCHED_AREA));
  const national = EXAMPLE_SERVICES.filter((s) => s.national);
  if (!local.length) throw new Error(`No example service covers ${SEARCHED_AREA} to copy from.`);
  const inArea = Array.from({ length: count }, (_, i) => {
    const template = local[i % local.length]!;
    return { ...template, id: randomUUID(), name: `${template.name} ${i + 1}` };
  });
  return [...inArea, ...national.map((s) => ({ ...s, id: randomUUID() }))];
}

/** ONS-like local authority codes and a postcode district of their own (Q is never a UK postcode area). */
function syntheticAreas(count: number): Area[] {
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  return Array.from({ length: count }, (_, i) => ({
    id: `E07${String(900_000 + i).padStart(6, "0")}`,
    name: `Synthetic district ${i + 1}`,
    postcodeDistricts: [`Q${letters[i % 26]}${Math.floor(i / 26) + 1}`],
  }));
}

/** Services outside the searched area, one synthetic area each, spread round-robin. */
function servicesElsewhere(count: number, areas: Area[]): Service[] {
  const templates = EXAMPLE_SERVICES.filter((s) => !s.national);
  return Array.from({ length: count }, (_, i) => {
    const template = templates[i % templates.length]!;
    return { ...template, id: randomUUID(), name: `${template.name} elsewhere ${i + 1}`, areaIds: [areas[i % areas.length]!.id] };
  });
}

async function seedScenario(
  label: Scenario["label"],
  endpoint: string,
  shared: Service[],
  otherAreas: Area[],
  total: number,
  options: ScalingOptions,
): Promise<Scenario> {
  const db = createDatabase({ tableName: `bench-${label.toLowerCase()}-${process.pid}`, endpoint });
  await ensureTable(db);
  const repository = directoryRepository(db);

  const areaStart = performance.now();
  await mapLimit([...EXAMPLE_AREAS, ...otherAreas], options.seedConcurrency, (a) => repository.saveArea(a));
  await mapLimit(EXAMPLE_ORGANISATIONS, options.seedConcurrency, (o) => repository.saveOrganisation(o));
  const areaSeedMs = performance.now() - areaStart;

  const services = [...shared, ...servicesElsewhere(total - shared.length, otherAreas)];
  const start = performance.now();
  await mapLimit(services, options.seedConcurrency, async (s) => {
    const outcome = await repository.saveService(s);
    if (outcome !== "created") throw new Error(`Seeding ${label}: service ${s.id} was ${outcome}, expected created.`);
  });
  const seedMs = performance.now() - start;
  return { label, services: services.length, db, repository, app: createApp({ db, logger: () => {}, hashKey: randomBytes(32), mailer: memoryOutbox(), fieldCipher: rawAesFieldCipher(randomBytes(32)), publicOrigin: "http://localhost" }), seedMs, areaSeedMs };
}

type Body = { services: { id: string }[]; totalItems: number };

/** One request as a person's browser makes it; refuses anything but 200, since then the figures mean nothing. */
async function timedRequest(scenario: Scenario, path: string): Promise<{ ms: number; body: Body }> {
  const start = performance.now();
  const response = await scenario.app.request(path);
  const body = (await response.json()) as Body;
  const elapsed = performance.now() - start;
  if (response.status !== 200) throw new Error(`${scenario.label} ${path} answered ${response.status}: ${JSON.stringify(body)}`);
  return { ms: elapsed, body };
}

/**
 * Times one query in both scenarios. Requests are sequential and alternate A/B (ABBA order), so
 * a burst of load from other work on the machine lands on both scenarios rather than one.
 */
async function timeQuery(a: Scenario, b: Scenario, query: string, path: string, warmup: number, timed: number, budgeted: boolean): Promise<QueryTiming> {
  for (let i = 0; i < warmup; i++) {
    await timedRequest(a, path);
    await timedRequest(b, path);
  }
  const samples = { A: [] as number[], B: [] as number[] };
  let first: { A?: Body; B?: Body } = {};
  for (let i = 0; i < timed; i++) {
    for (const s of i % 2 ? [b, a] : [a, b]) {
      const { ms: elapsed, body } = await timedRequest(s, path);
      samples[s.label].push(elapsed);
      first[s.label] ??= body;
    }
  }
  const ids = (body?: Body) => JSON.stringify({ total: body?.totalItems, ids: body?.services.map((x) => x.id) });
  const sa = summarise(samples.A);
  const sb = summarise(samples.B);
  return { query, path, budgeted, a: sa, b: sb, ratio: sb.p95 / sa.p95, sameResults: ids(first.A) === ids(first.B) };
}

async function capacityOf(scenario: Scenario, filters: Record<string, string>): Promise<number> {
  const result = await directoryFeature(scenario.repository).search(SearchFiltersSchema.parse(filters));
  return result.consumedReadUnits;
}

/** Seeds two scenarios in one in-memory DynamoDB Local and measures search latency and read capacity. */
export async function measureSearchScaling(log: (line: string) => void, options: ScalingOptions = DEFAULT_SCALING): Promise<ScalingResult> {
  const loads: ScalingResult["loadavg"] = [];
  const noteLoad = (phase: string) => loads.push({ phase, load: loadavg().map((l) => Number(l.toFixed(2))) });

  log("Starting DynamoDB Local (in memory)…");
  const dynamo = await startDynamoDbLocal();
  try {
    const shared = sharedServices(options.servicesInSearchedArea);
    const otherAreas = syntheticAreas(options.otherAreas);
    noteLoad("before seeding");
    log(`Seeding scenario A (${options.smallServices} services) through repository.saveService, ${options.seedConcurrency} at once…`);
    const a = await seedScenario("A", dynamo.endpoint, shared, otherAreas, options.smallServices, options);
    log(`Seeding scenario B (${options.largeServices} services)…`);
    const b = await seedScenario("B", dynamo.endpoint, shared, otherAreas, options.largeServices, options);
    log(`  A: ${(a.seedMs / 1000).toFixed(1)} s, B: ${(b.seedMs / 1000).toFixed(1)} s`);
    noteLoad("after seeding");

    const area = `/api/services?area=${SEARCHED_AREA}`;
    const timings: QueryTiming[] = [];
    const run = async (query: string, path: string, budgeted: boolean, warmup = options.warmup, timed = options.timed) => {
      log(`Timing ${query}: ${path} (${warmup} warm-up + ${timed} timed requests per scenario)…`);
      const start = performance.now();
      timings.push(await timeQuery(a, b, query, path, warmup, timed, budgeted));
      log(`  took ${((performance.now() - start) / 1000).toFixed(1)} s`);
    };
    await run("area search", area, true);
    await run("area search, filtered", `${area}&who=young-person&need=therapy`, true);
    await run("postcode district search", `/api/services?postcode=${SEARCHED_DISTRICT}`, true, options.warmup, options.postcodeTimed);
    noteLoad("after area and postcode timings");
    await run("no-area search", "/api/services", true);
    await run("name search, no area (informational)", `/api/services?name=${NAME_SEARCHED}`, false, options.warmup, options.nameTimed);
    noteLoad("after no-area timings");

    const capacity = {
      area: { a: await capacityOf(a, { area: SEARCHED_AREA }), b: await capacityOf(b, { area: SEARCHED_AREA }) },
      postcode: { a: await capacityOf(a, { postcode: SEARCHED_DISTRICT }), b: await capacityOf(b, { postcode: SEARCHED_DISTRICT }) },
      noArea: { a: await capacityOf(a, {}), b: await capacityOf(b, {}) },
      name: { a: await capacityOf(a, { name: NAME_SEARCHED }), b: await capacityOf(b, { name: NAME_SEARCHED }) },
    };
    return {
      options,
      seeding: [a, b].map((s) => ({
        label: s.label,
        services: s.services,
        areas: EXAMPLE_AREAS.length + otherAreas.length,
        areaSeedMs: s.areaSeedMs,
        serviceSeedMs: s.seedMs,
      })),
      timings,
      capacity,
      loadavg: loads,
    };
  } finally {
    await dynamo.stop();
  }
}

/** Prints the search figures and returns the budget lines for the summary. */
export function reportSearchScaling(r: ScalingResult, log: (line: string) => void): BudgetLine[] {
  const o = r.options;
  log(
    `Scenario A: ${o.smallServices} services; scenario B: ${o.largeServices}. Both: the same ${o.servicesInSearchedArea} services in ${SEARCHED_AREA} ` +
      `(Bristol) plus the same national services; the rest spread over ${o.otherAreas} synthetic areas (one table per scenario).`,
  );
  log("");
  log("Seeding (repository.saveService: one GetItem + one TransactWriteItems per service)");
  log(
    table(
      ["scenario", "services", "areas", "areas+orgs", "services seeded in", "services/s"],
      r.seeding.map((s) => [
        s.label,
        String(s.services),
        String(s.areas),
        ms(s.areaSeedMs),
        `${(s.serviceSeedMs / 1000).toFixed(2)} s`,
        (s.services / (s.serviceSeedMs / 1000)).toFixed(1),
      ]),
    ),
  );
  log("");
  log("Latency of app.request(), sequential, A and B interleaved (ms; nearest-rank percentiles)");
  log(
    table(
      ["query", "n", "A p50", "A p95", "A p99", "B p50", "B p95", "B p99", "p95 B/A", "same results"],
      r.timings.map((t) => [
        t.query,
        String(t.a.n),
        t.a.p50.toFixed(2),
        t.a.p95.toFixed(2),
        t.a.p99.toFixed(2),
        t.b.p50.toFixed(2),
        t.b.p95.toFixed(2),
        t.b.p99.toFixed(2),
        `${t.ratio.toFixed(2)}x`,
        t.budgeted ? (t.sameResults ? "yes" : "NO") : "n/a",
      ]),
    ),
  );
  for (const t of r.timings) log(`  ${t.query}: ${t.path}`);
  log("");
  log("Read capacity of one search (directoryFeature.search consumedReadUnits: ReturnConsumedCapacity TOTAL of its partition queries)");
  log(
    table(
      ["search", "A (RCU)", "B (RCU)", "B equals A"],
      [
        ["area=" + SEARCHED_AREA, String(r.capacity.area.a), String(r.capacity.area.b), r.capacity.area.a === r.capacity.area.b ? "yes" : "NO"],
        ["postcode=" + SEARCHED_DISTRICT, String(r.capacity.postcode.a), String(r.capacity.postcode.b), r.capacity.postcode.a === r.capacity.postcode.b ? "yes" : "NO"],
        ["no area (the national services)", String(r.capacity.noArea.a), String(r.capacity.noArea.b), r.capacity.noArea.a === r.capacity.noArea.b ? "yes" : "NO"],
        [`name=${NAME_SEARCHED}, no area (informational)`, String(r.capacity.name.a), String(r.capacity.name.b), `grows to at most ${NAME_SEARCH_LIMIT} services read`],
      ],
    ),
  );
  log("  (The BatchGets that check the area and name a page's organisations and areas are not in these figures; they read one page's worth either way.)");
  log("");
  log("Load average (1, 5, 15 min) during the run:");
  for (const l of r.loadavg) log(`  ${l.phase}: ${l.load.join(", ")}`);

  const lines: BudgetLine[] = r.timings
    .filter((t) => t.budgeted)
    .map((t) => ({
      name: `${t.query}: p95 B/A (${o.largeServices} vs ${o.smallServices} services)`,
      budget: `≤ ${LATENCY_RATIO_BUDGET}x`,
      measured: `${t.ratio.toFixed(2)}x (${t.b.p95.toFixed(2)} / ${t.a.p95.toFixed(2)} ms)`,
      within: t.ratio <= LATENCY_RATIO_BUDGET,
      note: t.sameResults ? undefined : "A and B returned different results: the comparison is not like for like",
    }));
  for (const [name, c] of [
    [`area=${SEARCHED_AREA}`, r.capacity.area],
    [`postcode=${SEARCHED_DISTRICT}`, r.capacity.postcode],
    ["no area", r.capacity.noArea],
  ] as const) {
    lines.push({
      name: `${name}: read capacity B vs A`,
      budget: "B = A (no growth)",
      measured: `A ${c.a} RCU, B ${c.b} RCU`,
      within: c.a === c.b,
    });
  }
  return lines;
}

/** The informational figures that have no budget, for the summary. */
export function informationalSearchLines(r: ScalingResult): string[] {
  const t = r.timings.find((x) => !x.budgeted);
  return [
    `name search with no area, read capacity: A ${r.capacity.name.a} RCU, B ${r.capacity.name.b} RCU (one partition, at most ${NAME_SEARCH_LIMIT} services: B's synthetic services all share the searched words)`,
    ...(t ? [`name search with no area, p95: A ${ms(t.a.p95)}, B ${ms(t.b.p95)} (${t.ratio.toFixed(1)}x; n=${t.a.n} each)`] : []),
  ];
}

