import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * JSON Schema validators for HSDS 3.0 with the Open Referral UK profile applied, read from the
 * shared standards folder. The profile files are JSON merge patches (RFC 7396) over the HSDS
 * files: a `null` removes a property, and a file that is `null` removes the object from the profile.
 */
export const STANDARDS_DIR = resolve(process.cwd(), "../shared/standards");
const HSDS_DIR = join(STANDARDS_DIR, "hsds-3.0/schema");
const PROFILE_DIR = join(STANDARDS_DIR, "oruk-profile/profile");

/**
 * HSDS annotates its schemas with Frictionless Data keywords. They are declared as a vocabulary
 * (rather than turning strict mode off) so that strict mode still catches a typo in a real keyword.
 */
const HSDS_KEYWORDS = ["name", "path", "constraints", "core", "example", "datapackage_metadata", "datapackage_type", "tabular_required"];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** RFC 7396 JSON merge patch. */
export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

export function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, "utf8")) as Json;
}

function profilePatch(file: string): Json | undefined {
  return readdirSync(PROFILE_DIR).includes(file) ? readJson(join(PROFILE_DIR, file)) : undefined;
}

/** Every HSDS object schema with the UK profile applied, by file name; `null` when the profile removes it. */
export function mergedSchemas(): Map<string, JsonObject | null> {
  const schemas = new Map<string, JsonObject | null>();
  for (const file of readdirSync(HSDS_DIR).filter((f) => f.endsWith(".json") && f !== "openapi.json")) {
    const base = readJson(join(HSDS_DIR, file));
    const patch = profilePatch(file);
    const merged = patch === undefined ? base : mergePatch(base, patch);
    schemas.set(file, isObject(merged) ? merged : null);
  }
  return schemas;
}

/** The HSDS OpenAPI document with the UK profile's OpenAPI patch applied. */
export function mergedOpenApi(): JsonObject {
  const merged = mergePatch(readJson(join(HSDS_DIR, "openapi.json")), readJson(join(PROFILE_DIR, "openapi.json")));
  if (!isObject(merged)) throw new Error("The merged OpenAPI document is not an object.");
  return merged;
}

export type OpenReferralValidators = {
  service: ValidateFunction;
  taxonomy: ValidateFunction;
  taxonomyTerm: ValidateFunction;
  servicePage: ValidateFunction;
  taxonomyPage: ValidateFunction;
  taxonomyTermPage: ValidateFunction;
};

/**
 * Builds the validators. With `closed`, every object refuses properties its merged schema does
 * not list (`additionalProperties: false`), so a field the profile removed, or one we invented,
 * fails validation instead of passing silently.
 */
export function openReferralValidators(options: { closed: boolean }): OpenReferralValidators {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary(HSDS_KEYWORDS);

  for (const [file, schema] of mergedSchemas()) {
    if (schema === null) {
      // Removed by the profile: any reference to it (service.metadata, service.program…) accepts nothing.
      ajv.addSchema({ $id: file, not: {} });
      continue;
    }
    const closed = options.closed && schema.type === "object" ? { additionalProperties: false } : {};
    ajv.addSchema({ ...schema, ...closed, $id: file });
  }

  const components = mergedOpenApi().components;
  const page = isObject(components) && isObject(components.schemas) ? components.schemas.Page : undefined;
  if (!isObject(page) || !isObject(page.properties)) throw new Error("The merged OpenAPI document has no Page schema.");
  const pageProperties = page.properties;
  const pageOf = (item: string) => ({
    type: "object",
    properties: { ...pageProperties, contents: { type: "array", items: { $ref: item } } },
    required: [...Object.keys(pageProperties), "contents"],
    ...(options.closed ? { additionalProperties: false } : {}),
  });

  const get = (id: string) => {
    const validate = ajv.getSchema(id);
    if (!validate) throw new Error(`No schema ${id}.`);
    return validate;
  };
  return {
    service: get("service.json"),
    taxonomy: get("taxonomy.json"),
    taxonomyTerm: get("taxonomy_term.json"),
    servicePage: ajv.compile(pageOf("service.json")),
    taxonomyPage: ajv.compile(pageOf("taxonomy.json")),
    taxonomyTermPage: ajv.compile(pageOf("taxonomy_term.json")),
  };
}

/** Ajv's errors as one readable line each, for a failing assertion. */
export function describeErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);
}
