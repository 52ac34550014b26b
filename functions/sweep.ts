import { Resource } from "sst";
import { createDatabase } from "./db/client";
import { requestRepository } from "./db/requests";
import { retentionFeature, DEFAULT_RETENTION_MONTHS } from "./features/retention";
import { jsonLogger } from "./log";

/** What `link: [table]` in `stacks/retention.ts` gives this function (see handler.ts). */
const linked = Resource as unknown as { Table: { name: string } };

const retention = retentionFeature({
  requests: requestRepository(createDatabase({ tableName: linked.Table.name })),
  now: Date.now,
  retentionMonths: Number(process.env.RETENTION_MONTHS ?? DEFAULT_RETENTION_MONTHS),
});

/** The daily retention sweep (stacks/retention.ts): removes personal data that is due to go. */
export const handler = async () => {
  const swept = await retention.sweep();
  jsonLogger({ level: "info", event: "retention.swept", code: String(swept) });
};
