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
 * A search by name with no area reads one partition (db/keys.ts `serviceByNameWord`): the copies
 * of services under a word of their name, sorted by that word, so it reads only those with a word
 * starting with the word typed, at most NAME_SEARCH_LIMIT of them, and its cost does not grow with
 * the directory. The word it reads by is the longest typed that is not one most names share
 * ("support", "young"): it narrows most. The other words typed are matched on what it read.
 */
export const NAME_WORD_MIN = 3;
export const NAME_SEARCH_LIMIT = 50;
/** A service is found by at most this many words of its name: each is a copy written with it. */
export const NAME_WORDS_MAX = 8;
const COMMON_WORDS = new Set(["the", "and", "for", "with", "support", "service", "services", "young", "people", "peoples", "children", "childrens", "child", "family", "families", "team", "project", "centre", "center", "example", "online", "help"]);

const longEnough = (text: string) => wordsOf(text).filter((w) => w.length >= NAME_WORD_MIN);

/** The words of a name a search finds it by: each once, the telling ones first. */
export function nameWordsOf(name: string): string[] {
  const words = [...new Set(longEnough(name))];
  return [...words.filter((w) => !COMMON_WORDS.has(w)), ...words.filter((w) => COMMON_WORDS.has(w))].slice(0, NAME_WORDS_MAX);
}

/** The word typed that a search by name reads by, or undefined when none is long enough. */
export function searchWordOf(typed: string): string | undefined {
  const words = longEnough(typed);
  const telling = words.filter((w) => !COMMON_WORDS.has(w));
  return [...(telling.length ? telling : words)].sort((a, b) => b.length - a.length)[0];
}
