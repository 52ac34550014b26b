import * as z from "zod";

/**
 * How query-string values arrive: a name given once is a string, given twice an array, and an
 * empty box in a form is "". These wrap a schema so each filter reads the way people send it.
 */

/** One value: the last one wins if it was given twice; an empty value counts as none. */
export const one = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (Array.isArray(v) ? v[v.length - 1] : v === "" ? undefined : v), item.optional());

/** Any number of values (`need=a&need=b`), always as an array. */
export const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));
