import { isDeepStrictEqual } from "node:util";
import * as z from "zod";
import type { Area, Organisation, Service } from "../domain/directory";
import { fromOpenReferralService } from "../domain/openreferral/import";
import type { DirectoryRepository, WriteOutcome } from "../db/directory";

/** One thing wrong with an import: which record (counting from 0; null for the file as a whole), which field, and what to fix. */
export type ImportProblem = { index: number | null; field: string; message: string };

export type ImportCounts = Record<WriteOutcome, number>;

/** What an import did, or why it did nothing. */
export type ImportReport =
  | { ok: true; organisations: ImportCounts; services: ImportCounts; areasAdded: number }
  | { ok: false; problems: ImportProblem[] };

/** An Open Referral file: a list of services, a page of them (`contents`), or one service. */
const FileSchema = z.union([
  z.array(z.unknown()),
  z.looseObject({ contents: z.array(z.unknown()) }).transform((page) => page.contents),
  z.looseObject({}).transform((service) => [service]),
]);

const noCounts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });

/**
 * Imports Open Referral services and their organisations. Every record is checked before
 * anything is written: if any is wrong, nothing is saved and every problem is reported.
 * `referenceAreas` are areas OneDoor knows even if this database has not got them yet (the
 * local authorities in `functions/data/areas.json`); the ones an import uses are added.
 * Saving is idempotent: importing the same file again reports every record unchanged.
 */
export async function importOpenReferral(
  repository: DirectoryRepository,
  file: unknown,
  options: { referenceAreas?: Area[] } = {},
): Promise<ImportReport> {
  const records = FileSchema.safeParse(file);
  if (!records.success) {
    const message = "The file must hold one Open Referral service, a page of them (with `contents`), or a list of them.";
    return { ok: false, problems: [{ index: null, field: "file", message }] };
  }

  const stored = await repository.listAreas();
  const storedIds = new Set(stored.map((a) => a.id));
  const known = [...stored, ...(options.referenceAreas ?? []).filter((a) => !storedIds.has(a.id))];

  const problems: ImportProblem[] = [];
  const services: Service[] = [];
  const organisations = new Map<string, { organisation: Organisation; index: number }>();
  const serviceIndexes = new Map<string, number>();
  records.data.forEach((record, index) => {
    const result = fromOpenReferralService(record, known);
    if (!result.ok) {
      problems.push(...result.problems.map((p) => ({ index, ...p })));
      return;
    }
    const { service, organisation } = result;
    const seen = serviceIndexes.get(service.id);
    if (seen !== undefined) {
      problems.push({ index, field: "id", message: `This service is already in the file, as record ${seen}.` });
      return;
    }
    serviceIndexes.set(service.id, index);
    const earlier = organisations.get(organisation.id);
    if (earlier && !isDeepStrictEqual(earlier.organisation, organisation)) {
      problems.push({
        index,
        field: "organization",
        message: `This organisation is also in record ${earlier.index}, with different details. Make them the same.`,
      });
      return;
    }
    if (!earlier) organisations.set(organisation.id, { organisation, index });
    services.push(service);
  });
  if (problems.length) return { ok: false, problems };

  const used = new Set(services.flatMap((s) => s.areaIds));
  const missingAreas = known.filter((a) => used.has(a.id) && !storedIds.has(a.id));
  for (const area of missingAreas) await repository.saveArea(area);

  const report = { ok: true as const, organisations: noCounts(), services: noCounts(), areasAdded: missingAreas.length };
  // Organisations first, so a reader never finds a service whose organisation is missing.
  for (const { organisation } of organisations.values()) report.organisations[await repository.saveOrganisation(organisation)]++;
  for (const service of services) report.services[await repository.saveService(service)]++;
  return report;
}
