import areas from "../data/areas.json" with { type: "json" };
import example from "../data/example-directory.json" with { type: "json" };
import { AreaSchema, OrganisationSchema, ServiceSchema } from "../domain/directory";
import type { DirectoryRepository } from "../db/directory";

/** The example directory `npm start` seeds: invented local services, clearly marked as examples. */
export const EXAMPLE_AREAS = areas.map((a) => AreaSchema.parse(a));
export const EXAMPLE_ORGANISATIONS = example.organisations.map((o) => OrganisationSchema.parse(o));
export const EXAMPLE_SERVICES = example.services.map((s) => ServiceSchema.parse(s));

/**
 * Adds the areas and example services that are missing. It never overwrites: a service an
 * operator has edited keeps their edits across restarts.
 */
export async function seedExampleDirectory(repository: DirectoryRepository): Promise<{ added: number }> {
  let added = 0;
  const areaIds = new Set((await repository.listAreas()).map((a) => a.id));
  for (const area of EXAMPLE_AREAS) {
    if (!areaIds.has(area.id)) added += Number((await repository.saveArea(area)) === "created");
  }
  for (const organisation of EXAMPLE_ORGANISATIONS) {
    if (!(await repository.getOrganisation(organisation.id))) added += Number((await repository.saveOrganisation(organisation)) === "created");
  }
  for (const service of EXAMPLE_SERVICES) {
    if (!(await repository.getService(service.id))) added += Number((await repository.saveService(service)) === "created");
  }
  return { added };
}
