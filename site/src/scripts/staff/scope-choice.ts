import type { Names } from "./session";

/**
 * The choice of whose records a staff list shows, for someone who reads in several scopes (a
 * manager of two organisations, a commissioner who also works for a provider): used by the
 * feedback and group reports pages.
 */

export type Scope = { organisationId: string } | { areaId: string };

/** A scope as one value for the choice: "organisation:<id>" or "area:<id>". */
export const scopeValue = (scope: Scope) => ("organisationId" in scope ? `organisation:${scope.organisationId}` : `area:${scope.areaId}`);

export function scopeOf(value: string): Scope | undefined {
  const [kind, id] = value.split(":");
  if (!id) return undefined;
  return kind === "organisation" ? { organisationId: id } : kind === "area" ? { areaId: id } : undefined;
}

/** The scope as a choice: "Harbour Support (example)", or for an area "Services in Bristol" (the words before the area's name are the page's). */
export const scopeLabel = (scope: Scope, names: Names, areaWords = "Services in") =>
  "organisationId" in scope ? (names.organisations.get(scope.organisationId) ?? "Your organisation") : `${areaWords} ${names.areas.get(scope.areaId) ?? scope.areaId}`;

/** Every scope a page may offer, organisations first. */
export const scopesOf = (scopes: { organisationIds: string[]; areaIds: string[] }): Scope[] => [
  ...scopes.organisationIds.map((organisationId) => ({ organisationId })),
  ...scopes.areaIds.map((areaId) => ({ areaId })),
];
