import { Resource } from "sst";
import { createDatabase } from "./db/client";
import { directoryRepository } from "./db/directory";
import { requestRepository } from "./db/requests";
import { retentionFeature, DEFAULT_RETENTION_MONTHS } from "./features/retention";
import { jsonLogger } from "./log";

/** What `link: [table]` in `stacks/retention.ts` gives this function (see handler.ts). */
const linked = Resource as unknown as { Table: { name: string } };

const db = createDatabase({ tableName: linked.Table.name });
const requests = requestRepository(db);
const retention = retentionFeature({
  requests,
  now: Date.now,
  retentionMonths: Number(process.env.RETENTION_MONTHS ?? DEFAULT_RETENTION_MONTHS),
});

/**
 * The daily sweep (stacks/retention.ts): removes personal data that is due to go, then each
 * service's waiting-now weeks that have emptied (db/requests.ts), so insights read only weeks
 * someone is still waiting in.
 */
export const handler = async () => {
  const swept = await retention.sweep();
  jsonLogger({ level: "info", event: "retention.swept", code: String(swept) });
  const services = (await directoryRepository(db).allServices()).items;
  let emptied = 0;
  for (const service of services) emptied += await requests.sweepEmptyWaitingWeeks(service.id);
  jsonLogger({ level: "info", event: "statistics.swept", code: String(emptied) });
};
