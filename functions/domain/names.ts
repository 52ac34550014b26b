/**
 * How a service is found by its name, in one place for the API and the pages (no zod here, so a
 * page can import it without the schemas).
 */

/** Lower case, no accents, apostrophes or punctuation, "&" as "and": how a name is matched, here and on the pages. */
export const tidyName = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['\u2019]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

const wordsOf = (text: string) => tidyName(text).split(" ").filter(Boolean);

/** Whether `text` has every word typed at the start of one of its words, in any order ("harb young"). */
export function hasEveryWord(text: string, typed: string): boolean {
  const haystack = ` ${tidyName(text)}`;
  return wordsOf(typed).every((word) => haystack.includes(` ${word}`));
}

/**
 * A search by name with no area reads one partition (db/keys.ts `serviceByNameKey`): the services
 * with a word in their name that starts with the same three letters as one word typed, and at
 * most NAME_SEARCH_LIMIT of them, so its cost does not grow with the directory. The word chosen
 * is the longest typed that is not one most names share ("support", "young"), as it narrows most.
 */
export const NAME_KEY_LENGTH = 3;
export const NAME_SEARCH_LIMIT = 50;
const COMMON_WORDS = new Set(["the", "and", "for", "with", "support", "service", "services", "young", "people", "peoples", "children", "childrens", "child", "family", "families", "team", "project", "centre", "center", "example", "online", "help"]);

const keyWords = (text: string) => wordsOf(text).filter((w) => w.length >= NAME_KEY_LENGTH);
export const nameKeysOf = (name: string) => [...new Set(keyWords(name).map((w) => w.slice(0, NAME_KEY_LENGTH)))];

/** The partition a search by name reads, or undefined when no word typed is long enough. */
export function nameKeyOfSearch(typed: string): string | undefined {
  const words = keyWords(typed);
  const telling = words.filter((w) => !COMMON_WORDS.has(w));
  const [longest] = [...(telling.length ? telling : words)].sort((a, b) => b.length - a.length);
  return longest?.slice(0, NAME_KEY_LENGTH);
}
