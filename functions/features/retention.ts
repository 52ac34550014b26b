import type { RequestRepository } from "../db/requests";
import { isOpen } from "../domain/route-status";
import { retentionEndsAt } from "../domain/retention";

type Deps = { requests: RequestRepository; now: () => number; retentionMonths: number };

/** How long personal data is kept after a request has finished, unless a deployment sets otherwise. */
export const DEFAULT_RETENTION_MONTHS = 12;

/**
 * Retention: once every route of a request has finished, its personal data goes a set time
 * later (a per-deployment setting). The daily sweep does it on time; the request item's TTL is
 * a second, independent way. Anonymous route records stay, so statistics do not change.
 */
export function retentionFeature({ requests, now, retentionMonths }: Deps) {
  /**
   * After a route finishes: if the whole request has now finished, schedule its personal data
   * to go. The change wrote a retention check with it; the checks seen before reading the
   * request are removed after, so one written meanwhile is still there for the sweep.
   */
  async function noteIfFinished(reference: string): Promise<void> {
    const checks = await requests.retentionChecks(reference);
    const whole = await requests.getWhole(reference);
    if (whole.request && !whole.request.closedAt && !whole.routes.some((r) => isOpen(r.status))) {
      const closedAt = whole.routes.map((r) => r.updatedAt).sort().at(-1)!;
      await requests.markFinished(reference, closedAt, retentionEndsAt(closedAt, retentionMonths));
    }
    await requests.retentionChecked(checks);
  }

  return {
    noteIfFinished,

    /**
     * For features, straight after a route's change is saved: the person's or worker's action
     * has happened, so a failure here must not undo it in their eyes. The retention check the
     * change wrote stays, and the sweep makes it.
     */
    async afterRouteFinished(reference: string): Promise<void> {
      await noteIfFinished(reference).catch(() => undefined);
    },

    /**
     * The daily sweep: first the checks a crash left unmade, then removes the personal data of
     * every request that is due. One request that fails does not stop the others; the failures
     * are thrown together at the end, so the run is reported as failed. Returns how many
     * requests lost their personal data.
     */
    async sweep(): Promise<number> {
      const failures: unknown[] = [];
      const attempt = (work: () => Promise<void>) => work().catch((error: unknown) => void failures.push(error));
      const unchecked = new Set((await requests.retentionChecks()).map((c) => c.reference));
      for (const reference of unchecked) await attempt(() => noteIfFinished(reference));
      const due = await requests.dueForPurge(new Date(now()).toISOString());
      let purged = 0;
      for (const { reference, purgeAt } of due) await attempt(async () => void (await requests.purgePersonalData(reference, purgeAt), purged++));
      if (failures.length) throw new AggregateError(failures, `Retention sweep: ${failures.length} request(s) failed; ${purged} purged.`);
      return purged;
    },
  };
}

export type RetentionFeature = ReturnType<typeof retentionFeature>;
