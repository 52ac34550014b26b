import nlp from "compromise";
import { isValid as isPostcode, validOutcode } from "postcode";
import { findUkPhones } from "./phone";
import { DAYS, LANGUAGES } from "./vocabulary";
import { REDACTION_KINDS, type RedactionKind } from "./redaction-labels";
import type { Redaction, RedactionContext } from "./redaction";

/**
 * What OneDoor proposes to take out of a piece of free text before anyone but a moderator reads
 * it (redaction.ts has the rest). Loaded only when a moderator opens something to moderate.
 */

/** `guess` marks compromise's findings: where they overlap one of OneDoor's rules, the rule says what kind it is. */
type Span = { start: number; end: number; kind: RedactionKind; guess?: boolean };

const SPECIFICITY = Object.keys(REDACTION_KINDS) as RedactionKind[];
const rank = (s: Span) => (s.guess ? SPECIFICITY.length : 0) + SPECIFICITY.indexOf(s.kind);

/** Proposes the parts of a piece of feedback to remove before anyone but a moderator reads it. */
export function proposeRedactions(text: string, context: RedactionContext = {}): Redaction[] {
  const tokens = tokenise(text);
  const found: Span[] = [
    ...staffNames(text, context.staffNames ?? []),
    ...emails(text),
    ...socialHandles(text),
    ...personalPhones(text),
    ...postcodes(text),
    ...streetAddresses(text),
    ...schools(text, tokens),
    ...dates(text),
    ...peopleAndPlaces(text, tokens),
  ];
  let spans = merge(found);
  for (let pass = 0, added = true; added && pass < 5; pass++) {
    const listed = listedWithNames(text, tokens, spans);
    added = listed.length > 0;
    spans = merge([...spans, ...listed]);
  }
  // Twice, because a second mention found by the first pass can join a neighbour into a new span.
  for (let pass = 0; pass < 2; pass++) spans = merge([...spans, ...otherMentions(text, spans)]);
  return keepServiceNames(text, spans, context.serviceNames ?? []).map(({ start, end, kind }) => ({ start, end, kind, text: text.slice(start, end) }));
}

// ---------------------------------------------------------------------------------------------
// Words and tokens

type Token = { text: string; start: number; end: number };

const wordSet = (words: string) => new Set(words.trim().split(/\s+/));
const alternatives = (words: string) => words.trim().split(/\s+/).join("|");

const LETTER = /[\p{L}\p{N}]/u;
const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

function tokenise(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

type Lexicon = Record<string, string | string[]>;
const LEXICON = (nlp.model() as { one: { lexicon: Lexicon } }).one.lexicon;
const PROPER_TAGS = new Set(["Person", "FirstName", "MaleName", "FemaleName", "LastName", "Place", "City", "Region", "Country", "ProperNoun"]);
const PLACE_TAGS = new Set(["Place", "City", "Region", "Country"]);
const NAME_TAGS = new Set(["Person", "FirstName", "MaleName", "FemaleName", "LastName"]);

const tagsOf = (word: string): string[] => {
  const entry = LEXICON[word.toLowerCase().replace(/['’]s$/, "")];
  return entry === undefined ? [] : Array.isArray(entry) ? entry : [entry];
};
/** A word compromise knows as an ordinary word, not a name: "after", "will", "year". */
const isCommonWord = (word: string) => {
  const tags = tagsOf(word);
  return tags.length > 0 && !tags.some((t) => PROPER_TAGS.has(t));
};
/** A word compromise knows as a first name or surname, even written in lower case: "sarah". */
const isNameWord = (word: string) => tagsOf(word).some((t) => NAME_TAGS.has(t));
const FUNCTION_TAGS = wordSet(`Verb Copula Modal Auxiliary Preposition Determiner Conjunction Adverb Pronoun Adjective
  PastTense PresentTense Infinitive`);
/** "My Social Worker Was Kind": in text written with capitals throughout, verbs and the like are not names. */
const isFunctionWord = (word: string) => !isNameWord(word) && tagsOf(word).some((t) => FUNCTION_TAGS.has(t));
const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);
const isAllCapitals = (word: string) => word.length > 1 && word === word.toUpperCase() && /\p{Lu}/u.test(word);

/** Whether a position begins a sentence, where a capital letter says nothing about a name. */
const startsSentence = (text: string, at: number) => /(?:^|[.!?…:;\n])[\s"'“‘(*•–—-]*$/u.test(text.slice(Math.max(0, at - 20), at));

const wordsOf = (labels: Record<string, string>) => new Set(Object.values(labels).map((l) => l.toLowerCase()));
const LANGUAGE_WORDS = wordsOf(LANGUAGES);
const DAY_WORDS = wordsOf(DAYS);
const MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December";
const MONTH_WORDS = new Set(MONTH_NAMES.toLowerCase().split("|"));

/** Words that open a sentence or a phrase but are never part of a name. */
const GENERIC = wordSet(`a an the my our your his her their this that these those every each any some no new old big little
  local nearby same other another whole at in on to from by for with after before during when while since until and but or
  so then because if also even just`);

/** A capitalised word that could be part of a name here: not a common word opening a sentence. */
function isDistinctive(text: string, token: Token): boolean {
  const lower = token.text.toLowerCase();
  if (!isCapitalised(token.text) || GENERIC.has(lower)) return false;
  if (DAY_WORDS.has(lower) || MONTH_WORDS.has(lower) || LANGUAGE_WORDS.has(lower)) return false;
  return !(startsSentence(text, token.start) && isCommonWord(token.text));
}

const onlySpaceBetween = (text: string, a: Token, b: Token) => /^[ \t]+$/.test(text.slice(a.end, b.start));

// ---------------------------------------------------------------------------------------------
// OneDoor's own rules

function spansOf(text: string, pattern: RegExp, kind: RedactionKind, accept: (m: RegExpExecArray) => boolean = () => true): Span[] {
  return [...text.matchAll(pattern)].filter(accept).map((m) => ({ start: m.index, end: m.index + m[0].length, kind }));
}

/** UK numbers, except freephone and organisations' numbers (08, 03): "I rang 0808 800 5000" names a helpline, not a person. */
function personalPhones(text: string): Span[] {
  return findUkPhones(text)
    .filter((p) => !/^(?:\+44\s*(?:\(0\)\s*)?|\(?0)[38]/.test(text.slice(p.start, p.end)))
    .map((p) => ({ ...p, kind: "phone" }));
}

function emails(text: string): Span[] {
  return spansOf(text, /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu, "email");
}

const PLATFORMS = "snap|snapchat|insta|instagram|ig|tiktok|tik tok|discord|twitter|facebook|fb|kik|whatsapp|xbox|psn|roblox|twitch|youtube|telegram|threads";

function socialHandles(text: string): Span[] {
  const handles = spansOf(text, /(?<![\p{L}\p{N}_.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?/gu, "social-handle");
  // "my snapchat username is bigdave99": a name on a platform, written without an @.
  const named = new RegExp(`\\b(?:${PLATFORMS})\\b(\\s+(?:user\\s?name|name|handle|id|tag|account))?(\\s+is|\\s*[:=])?\\s+([A-Za-z0-9_.]{3,30})`, "giu");
  for (const m of text.matchAll(named)) {
    const name = (m[3] ?? "").replace(/\.+$/, "");
    const looksMadeUp = /[\d_.]/.test(name) || !!m[1] || (m[2] ?? "").includes(":");
    if (name.length < 3 || !looksMadeUp || (isCommonWord(name) && !/\d/.test(name))) continue;
    const start = m.index + m[0].length - (m[3] ?? "").length;
    handles.push({ start, end: start + name.length, kind: "social-handle" });
  }
  return handles;
}

/** The postcode areas of the UK, Channel Islands and Isle of Man, from the Royal Mail's list. */
const POSTCODE_AREAS = new Set(
  ("AB AL B BA BB BD BF BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX " +
    "FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG " +
    "NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS " +
    "TW UB W WA WC WD WF WN WR WS WV YO ZE").split(" "),
);
const areaOf = (outward: string) => outward.toUpperCase().match(/^[A-Z]{1,2}/)?.[0] ?? "";

function postcodes(text: string): Span[] {
  const full = spansOf(text, /(?<![\p{L}\p{N}])([A-Za-z]{1,2}\d[A-Za-z\d]?)[ \t]{0,2}(\d[A-Za-z]{2})(?![\p{L}\p{N}])/gu, "postcode", (m) => {
    return isPostcode(m[0]) && POSTCODE_AREAS.has(areaOf(m[1] ?? ""));
  });
  // An outward code alone ("BS5") is only taken as a postcode when the words around say so:
  // on its own it could be a road, a vitamin or a school year.
  const outward = spansOf(text, /(?<![\p{L}\p{N}])[A-Z]{1,2}\d[A-Z\d]?(?![\p{L}\p{N}])/gu, "postcode", (m) => {
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
    const cued = /\b(?:in|near|from|around|nr|postcode(?:\s+is)?|post code(?:\s+is)?)\s*:?\s*$/i.test(before) || /^\s+(?:area|postcode|way)\b/i.test(after);
    return cued && validOutcode(m[0]) && POSTCODE_AREAS.has(areaOf(m[0]));
  });
  return [...full, ...outward];
}

const STREET_WORDS = alternatives(`Road Rd Street St Avenue Ave Lane Ln Close Drive Dr Way Crescent Court Place Grove Gardens
  Terrace Mews Hill Park Square Walk Row View Rise Green Parade Vale Estate Heights Wharf Quay Yard`);
// Written in lower case, or with no house number, only words that are nearly always streets count:
// "a 5 minute drive" and "the Crown Court" are not addresses.
const CLEAR_STREET_WORDS = alternatives("Road Rd Street Avenue Ave Lane Crescent Grove Gardens Terrace Mews");
const FLAT = String.raw`(?:(?:Flat|Apartment|Apt|Unit)\.?\s*\d+[A-Za-z]?\s*,?\s+)?`;
const HOUSE = String.raw`\d{1,4}[A-Za-z]?\s*,?\s+`;
const CAPITALISED_WORD = String.raw`\p{Lu}[\p{L}'’-]*`;
const ANY_WORD = String.raw`[\p{L}][\p{L}'’-]*`;
const STOP_IN_STREET = wordSet(`the a an of in on at to my our his her their and or up down along past from near by
  minutes minute weeks days years hours times`);

/** Every town has a High Street: without a number it says nothing about where someone lives. */
const isEveryTownsStreet = (words: string) => /^(?:high|main)\s+(?:street|road)$/i.test(words.trim());

function streetAddresses(text: string): Span[] {
  const end = String.raw`(?![\p{L}\p{N}])`;
  const numbered = new RegExp(`(?<![\\p{L}\\p{N}])${FLAT}${HOUSE}((?:${CAPITALISED_WORD}\\s+){1,3})(?:${STREET_WORDS})${end}`, "gu");
  const lower = new RegExp(`(?<![\\p{L}\\p{N}])${FLAT}${HOUSE}((?:${ANY_WORD}\\s+){1,3})(?:${CLEAR_STREET_WORDS})${end}`, "giu");
  const unnumbered = new RegExp(`(?<![\\p{L}\\p{N}])((?:${CAPITALISED_WORD}\\s+){1,3})(?:${CLEAR_STREET_WORDS})${end}`, "gu");
  const nameOk = (m: RegExpExecArray) => !(m[1] ?? "").trim().split(/\s+/).some((w) => STOP_IN_STREET.has(w.toLowerCase()));
  const withoutNumber = [...text.matchAll(unnumbered)].flatMap((m): Span[] => {
    // "The High Street" and "After Manchester Road": leading words that are not part of the name go.
    const words = tokenise(m[1] ?? "").map((t) => ({ ...t, start: t.start + m.index, end: t.end + m.index }));
    const first = words.find((w) => isDistinctive(text, w) && !STOP_IN_STREET.has(w.text.toLowerCase()));
    if (!first || isEveryTownsStreet(text.slice(first.start, m.index + m[0].length))) return [];
    return [{ start: first.start, end: m.index + m[0].length, kind: "street-address" }];
  });
  const streets = [...spansOf(text, numbered, "street-address", nameOk), ...spansOf(text, lower, "street-address", nameOk), ...withoutNumber];
  // "14 Station Road, Bedminster": the words after an address's comma name the district or town.
  const localities = streets.flatMap((s): Span[] => {
    const m = new RegExp(`^,\\s*((?:${CAPITALISED_WORD})(?:\\s+${CAPITALISED_WORD}){0,2})(?![\\p{L}\\p{N}])`, "u").exec(text.slice(s.end));
    const words = m?.[1];
    if (!m || !words || words.split(/\s+/).some((w) => GENERIC.has(w.toLowerCase()))) return [];
    const start = s.end + m[0].length - words.length;
    return [{ start, end: start + words.length, kind: "place" }];
  });
  return [...streets, ...localities];
}

const SCHOOL_ENDINGS = wordSet("school academy college high grammar primary juniors infants university uni comprehensive");
const SCHOOL_TYPES = wordSet(`school academy college high grammar primary secondary junior juniors infant infants university
  uni comprehensive sixth form community free church england cofe c e of rc catholic girls boys prep preparatory trust`);
const ROMAN = /^[IVX]+$/;
const SAINT = /^(?:st|saint)$/i;
const NAME_LINKS = /^(?:of|the|and|upon|on)$/;

/** Two words of one name: only spaces between them, or the full stop of "St. Joseph's". */
const joinedInName = (text: string, a: Token, b: Token) => onlySpaceBetween(text, a, b) || (SAINT.test(a.text) && /^\.\s+$/.test(text.slice(a.end, b.start)));

function schools(text: string, tokens: Token[]): Span[] {
  const found: Span[] = [];
  tokens.forEach((ending, i) => {
    if (!SCHOOL_ENDINGS.has(ending.text.toLowerCase())) return;
    if (/^high$/i.test(ending.text) && /^(?:street|st|road|rd)$/i.test(tokens[i + 1]?.text ?? "")) return;
    // Back over the name before the ending: "King Edward VI School", "Our Lady of Lourdes Primary".
    let first = i;
    for (let t = tokens[first - 1]; t && joinedInName(text, t, tokens[first] as Token); t = tokens[first - 1]) {
      if (!isCapitalised(t.text) && !ROMAN.test(t.text) && !NAME_LINKS.test(t.text)) break;
      first--;
    }
    const words = tokens.slice(first, i);
    const opening = words.findIndex((w) => SAINT.test(w.text) || (isDistinctive(text, w) && !SCHOOL_TYPES.has(w.text.toLowerCase())));
    const name = words[opening];
    // "My Primary School", "The High School": words that only say what kind of school it is.
    if (!name || (SAINT.test(name.text) && !words.slice(opening + 1).some((w) => isDistinctive(text, w)))) return;
    let last = i;
    const isMoreOfName = (t: Token) => SCHOOL_TYPES.has(t.text.toLowerCase()) && isCapitalised(t.text) && onlySpaceBetween(text, tokens[last] as Token, t);
    for (let t = tokens[last + 1]; t && isMoreOfName(t); t = tokens[last + 1]) last++;
    found.push({ start: name.start, end: (tokens[last] as Token).end, kind: "school" });
  });
  // "Year 9 at Oakfield": a school named by the year group in it, without the word "school".
  for (const m of text.matchAll(/\b(?:year|yr|y)\s?\d{1,2}\s+(?:at|in)\s+/giu)) {
    const isNamePart = (t: Token) => !GENERIC.has(t.text.toLowerCase()) && (isCapitalised(t.text) || tagsOf(t.text).length === 0);
    const from = tokens.findIndex((t) => t.start >= m.index + m[0].length);
    const name = from < 0 ? [] : nameRun(text, tokens, from, 4, isNamePart);
    if (name[0] && !SCHOOL_TYPES.has(name[0].text.toLowerCase())) found.push(...spanOfRun(name, "school"));
  }
  return found;
}

const MONTH = String.raw`(?:${MONTH_NAMES}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)`;
const ORDINAL_DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:19|20)\d{2}`;
const FESTIVAL = String.raw`(?:Christmas|Easter|Halloween|Diwali|Eid|Hanukkah|Ramadan|Bonfire Night|New Year['’]?s?|Valentine['’]?s Day|Mother['’]?s Day|Father['’]?s Day)(?:\s+(?:Day|Eve))?`;
const SEASON = String.raw`(?:the\s+)?(?:spring|summer|autumn|winter)(?:\s+of)?`;
const BIRTH = String.raw`\b(?:born\s+in|birthday\s+is\s+(?:on\s+)?(?:the\s+)?|d\.?o\.?b\.?\s*:?|date\s+of\s+birth\s*(?:is|:)?)`;

function dates(text: string): Span[] {
  const edge = String.raw`(?![\p{L}\p{N}])`;
  const start = String.raw`(?<![\p{L}\p{N}])`;
  // "May" and "Mar" are words too ("I may go back"): in lower case they need a day number or a year.
  const monthIsDate = (m: RegExpExecArray) => {
    const word = m[0].match(new RegExp(MONTH, "i"))?.[0] ?? "";
    return !/^(?:may|mar)\.?$/.test(word) || /\d(?:st|nd|rd|th)|\d{4}/i.test(m[0]);
  };
  return [
    ...spansOf(text, new RegExp(`${start}\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})${edge}`, "gu"), "date"),
    ...spansOf(text, new RegExp(`${start}${YEAR}-\\d{2}-\\d{2}${edge}`, "gu"), "date"),
    ...spansOf(text, new RegExp(`${start}(?:the\\s+)?${ORDINAL_DAY}(?:\\s+of)?\\s+${MONTH}(?:,?\\s+${YEAR})?${edge}`, "giu"), "date", monthIsDate),
    ...spansOf(text, new RegExp(`${start}${MONTH}\\s+(?:the\\s+)?${ORDINAL_DAY}(?:,?\\s+${YEAR})?${edge}`, "giu"), "date", monthIsDate),
    ...spansOf(text, new RegExp(`${start}${MONTH}\\s+${YEAR}${edge}`, "giu"), "date", monthIsDate),
    // "Christmas Day 2019", "the summer of 2020": with a year, a festival or a season is a date.
    ...spansOf(text, new RegExp(`${start}(?:${FESTIVAL}|${SEASON})\\s+${YEAR}${edge}`, "giu"), "date"),
    // A date of birth given as a year alone, or as a day alone: "born in 2008", "my birthday is the 5th".
    ...[...text.matchAll(new RegExp(`${BIRTH}\\s*(${YEAR}|${ORDINAL_DAY})${edge}`, "giu"))].map(
      (m): Span => ({ start: m.index + m[0].length - (m[1] ?? "").length, end: m.index + m[0].length, kind: "date" }),
    ),
  ];
}

function staffNames(text: string, names: string[]): Span[] {
  const found: Span[] = [];
  for (const name of names) {
    const parts = tokenise(name);
    if (parts.length === 0) continue;
    found.push(...spansOf(text, new RegExp(wholeWords(parts.map((p) => escape(p.text)).join(String.raw`\s+`)), "giu"), "staff-name"));
    for (const part of parts) {
      if (part.text.length < 2) continue;
      // "Will" the worker is also "will" the verb: a part that is an ordinary word needs its capital.
      const flags = isCommonWord(part.text) ? "gu" : "giu";
      found.push(...spansOf(text, new RegExp(wholeWords(escape(part.text)), flags), "staff-name"));
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// People and places: compromise, with OneDoor's rules for the ways feedback names people

const TITLES = /^(?:mr|mrs|ms|mx|dr|prof|professor|sir|dame|rev|revd)$/i;
const CAPITAL_TITLES = /^(?:Miss|Lady|Lord|DC|DS|DI|DCI|PC|Sgt|Sergeant|Inspector|Detective|Officer|Judge|Nurse|Doctor|Coach)$/;
const ROLES = wordSet(`mum mam mom mummy mother dad daddy father parent parents carer foster worker keyworker caseworker
  counsellor counselor therapist isva chisva advocate teacher officer nurse doctor mentor coach manager uncle aunt auntie aunty
  cousin brother sister stepdad stepmum step-dad step-mum stepfather stepmother stepbrother stepsister boyfriend girlfriend
  friend neighbour grandad grandpa grandma gran granny nan nanny partner husband wife son daughter`);
// After "my name is", any word that is not an ordinary one is a name; after "call me" or "ask for"
// it must look like one ("call me anytime", "ask for help").
const SOMEONE = String.raw`(?:someone|somebody|a (?:man|woman|lady|guy|girl|boy|worker|person)|worker|friend|boy|girl|man|woman|lady|guy)`;
const NAME_CUE = new RegExp(String.raw`(?:\bmy name is|\bmy name's|\b(?:his|her|their) name (?:is|was)|\bi am called|\bi['’]?m called|\b${SOMEONE} (?:called|named))\s+$`, "i");
const WEAK_NAME_CUE = /(?:\bcall me|\bask(?:ed)? for)\s+$/i;
const SELF_CUE = /(?:\bi am|\bi['’]?m|\bim|\bthis is|\bit['’]?s)\s+$/i;
const LIVING = alternatives("live lives lived living grew\\s+up growing\\s+up moved move moving stay stays stayed staying raised based born");
const BEING = String.raw`i['’]?m|i am|we['’]?re|we are|they['’]?re|they are|(?:s)?he['’]?s|(?:s)?he is|come|comes|came|originally`;
const PLACE_CUE = new RegExp(String.raw`\b(?:${LIVING})\s+(?:in|to|from|near|at|around|outside)\s+$|\b(?:${BEING})\s+from\s+$`, "i");
const WEAK_PLACE_CUE = /\b(?:in|near|outside|around)\s+$/i;
const PLACE_JOINERS = /^(?:upon|on|under|le|in|by|super|next|the)$/;

/** A word that can carry a name after a cue: capitalised, or a known first name in lower case. */
const nameAfterCue = (t: Token, lowerCaseOk: (w: string) => boolean) =>
  (isCapitalised(t.text) && !GENERIC.has(t.text.toLowerCase()) && !isAllCapitals(t.text)) || (!isCapitalised(t.text) && lowerCaseOk(t.text));

/** Up to `most` name words straight after token i, joined only by spaces. */
function nameRun(text: string, tokens: Token[], from: number, most: number, accept: (t: Token) => boolean): Token[] {
  const run: Token[] = [];
  for (let j = from; j < tokens.length && run.length < most; j++) {
    const t = tokens[j] as Token;
    const previous = run[run.length - 1];
    if (previous && !onlySpaceBetween(text, previous, t)) break;
    if (!accept(t)) break;
    run.push(t);
  }
  return run;
}

const spanOfRun = (run: Token[], kind: RedactionKind): Span[] => {
  const first = run[0];
  const last = run[run.length - 1];
  return first && last ? [{ start: first.start, end: last.end, kind }] : [];
};

function peopleAndPlaces(text: string, tokens: Token[]): Span[] {
  const found: Span[] = [...fromCompromise(text), ...spansOf(text, JOINED_PLACE, "place")];
  tokens.forEach((t, i) => {
    const before = text.slice(Math.max(0, t.start - 60), t.start);
    const next = tokens[i + 1];
    // "Mr Patel", "dr. okafor", "DC Harris": a title, then one or two name words.
    if (next && (TITLES.test(t.text) || CAPITAL_TITLES.test(t.text)) && /^\.?\s+$/.test(text.slice(t.end, next.start))) {
      const run = nameRun(text, tokens, i + 1, 2, (w) => nameAfterCue(w, (x) => !isCommonWord(x)) && !TITLES.test(w.text));
      if (run.length) found.push({ start: t.start, end: (run[run.length - 1] as Token).end, kind: "person-name" });
    }
    // "my uncle Dave", "The counsellor, Wojciech, ...": a role, then a name.
    if (next && ROLES.has(t.text.toLowerCase()) && /^,?\s+$/.test(text.slice(t.end, next.start))) {
      const isName = (w: Token) => nameAfterCue(w, isNameWord) && !ROLES.has(w.text.toLowerCase()) && !isFunctionWord(w.text);
      found.push(...spanOfRun(nameRun(text, tokens, i + 1, 2, isName), "person-name"));
    }
    if (NAME_CUE.test(before)) found.push(...spanOfRun(nameRun(text, tokens, i, 2, (w) => nameAfterCue(w, (x) => !isCommonWord(x))), "person-name"));
    if (WEAK_NAME_CUE.test(before)) found.push(...spanOfRun(nameRun(text, tokens, i, 2, (w) => nameAfterCue(w, isNameWord)), "person-name"));
    // "i'm chloe": only a word compromise knows as a name, as "I'm tired" is not one.
    if (SELF_CUE.test(before) && isNameWord(t.text)) {
      const isName = (w: Token) => isNameWord(w.text) || (isCapitalised(w.text) && !isCommonWord(w.text));
      found.push(...spanOfRun(nameRun(text, tokens, i, 2, isName), "person-name"));
    }
    const strong = PLACE_CUE.test(before);
    if (strong || WEAK_PLACE_CUE.test(before)) {
      const accept = (w: Token, k: number) =>
        k > 0 && PLACE_JOINERS.test(w.text)
          ? true
          : strong
            ? nameAfterCue(w, (x) => tagsOf(x).length === 0 && !GENERIC.has(x))
            : isDistinctive(text, w) && !isAllCapitals(w.text) && (tagsOf(w.text).length === 0 || tagsOf(w.text).some((g) => PROPER_TAGS.has(g)));
      const run: Token[] = [];
      for (let j = i; j < tokens.length && run.length < 4; j++) {
        const w = tokens[j] as Token;
        if (run.length && !onlySpaceBetween(text, run[run.length - 1] as Token, w)) break;
        if (!accept(w, run.length)) break;
        run.push(w);
      }
      while (run.length && PLACE_JOINERS.test((run[run.length - 1] as Token).text)) run.pop();
      found.push(...spanOfRun(run, "place"));
    }
  });
  return found;
}

// "Stoke-on-Trent", "Weston-super-Mare", "Ashby-de-la-Zouch": joined like this, only places are.
const JOINED_PLACE = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}'’]+(?:-(?:on|upon|super|under|le|la|de|en|in|by|next|the|sub)){1,3}-\p{Lu}[\p{L}'’]+(?![\p{L}\p{N}])/gu;

function fromCompromise(text: string): Span[] {
  const doc = nlp(text);
  const found: Span[] = [];
  const take = (matches: { terms: { text: string; offset: { start: number; length: number } }[] }[], kind: RedactionKind) => {
    for (const match of matches) {
      // Offsets are checked against the text: a term that does not line up is left to the moderator.
      let terms = match.terms.filter((t) => text.slice(t.offset.start, t.offset.start + t.offset.length) === t.text);
      if (terms.length !== match.terms.length) continue;
      terms = terms.filter((t) => LETTER.test(t.text));
      // "my uncle Dave": compromise includes the relationship, which does not identify anyone.
      if (kind === "person-name" && terms.some((t) => isCapitalised(t.text))) {
        while (terms.length > 1 && !isCapitalised((terms[0] as (typeof terms)[number]).text)) terms = terms.slice(1);
      }
      const first = terms[0];
      const last = terms[terms.length - 1];
      if (!first || !last) continue;
      let end = last.offset.start + last.offset.length;
      if (kind === "person-name" && /['’]s$/.test(last.text)) end -= 2;
      if (terms.length === 1 && (GENERIC.has(first.text.toLowerCase()) || ROLES.has(first.text.toLowerCase()))) continue;
      // "ABE interview", "CAMHS": compromise takes some acronyms for names; titles are found by the rules.
      if (kind === "person-name" && isAllCapitals(first.text)) continue;
      if (kind === "place" && isEveryTownsStreet(text.slice(first.offset.start, end))) continue;
      // "a 5 minute drive": a place needs a capital letter or a word compromise knows as a place.
      if (kind === "place" && !terms.some((t) => isCapitalised(t.text) || tagsOf(t.text).some((g) => PLACE_TAGS.has(g)))) continue;
      found.push({ start: first.offset.start, end, kind, guess: true });
    }
  };
  type Matches = Parameters<typeof take>[0];
  take(doc.people().json({ offset: true }) as Matches, "person-name");
  take(doc.places().json({ offset: true }) as Matches, "place");
  return found;
}

// ---------------------------------------------------------------------------------------------
// Putting the proposals together

/** Joins overlapping spans into one, keeping the kind a rule found over a guess, then the most specific. */
function merge(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      if (rank(s) < rank(last)) Object.assign(last, { kind: s.kind, guess: s.guess });
    } else merged.push({ ...s });
  }
  return merged;
}

/** "Grace and Will", "Sarah, Kemi and Jo": a capitalised word listed beside a name is a name too. */
function listedWithNames(text: string, tokens: Token[], spans: Span[]): Span[] {
  const found: Span[] = [];
  const isPerson = (t: Token) => spans.some((s) => (s.kind === "person-name" || s.kind === "staff-name") && s.start <= t.start && s.end >= t.end);
  const couldBeName = (t: Token) => {
    const lower = t.text.toLowerCase();
    if (t.text.length < 2 || !isCapitalised(t.text) || isAllCapitals(t.text) || GENERIC.has(lower) || ROLES.has(lower)) return false;
    if (DAY_WORDS.has(lower) || MONTH_WORDS.has(lower) || LANGUAGE_WORDS.has(lower)) return false;
    return !startsSentence(text, t.start) || !isCommonWord(t.text);
  };
  tokens.forEach((t, i) => {
    const and = tokens[i + 1]?.text === "and" && /^\s+$/.test(text.slice(t.end, tokens[i + 1]?.start));
    const next = tokens[and ? i + 2 : i + 1];
    const gap = next ? text.slice((and ? (tokens[i + 1] as Token) : t).end, next.start) : "";
    if (!next || !(and ? /^\s+$/ : /^(?:\s*,\s*|\s+&\s+)$/).test(gap)) return;
    if (isPerson(t) && !isPerson(next) && couldBeName(next)) found.push({ start: next.start, end: next.end, kind: "person-name" });
    if (isPerson(next) && !isPerson(t) && couldBeName(t)) found.push({ start: t.start, end: t.end, kind: "person-name" });
  });
  return found;
}

/** Every other place the same words appear: a name missed once is still a name. */
function otherMentions(text: string, spans: Span[]): Span[] {
  const found: Span[] = [];
  for (const s of spans) {
    const words = text.slice(s.start, s.end);
    found.push(...spansOf(text, new RegExp(wholeWords(escape(words)), "gu"), s.kind).map((m) => ({ ...m, guess: s.guess })));
    if (s.kind !== "person-name" && s.kind !== "staff-name") continue;
    for (const part of tokenise(words)) {
      if (part.text.length < 3 || !isCapitalised(part.text) || isCommonWord(part.text) || TITLES.test(part.text) || CAPITAL_TITLES.test(part.text)) continue;
      found.push(...spansOf(text, new RegExp(wholeWords(escape(part.text)), "gu"), s.kind).map((m) => ({ ...m, guess: s.guess })));
    }
  }
  return found;
}

/** Leaves the names of the services the feedback is about, cutting any proposal back to the words outside them. */
function keepServiceNames(text: string, spans: Span[], serviceNames: string[]): Span[] {
  const kept = serviceNames.flatMap((name) => {
    const parts = tokenise(name).map((p) => escape(p.text).replace(/['’]/g, "['’]"));
    if (parts.length === 0) return [];
    return [...text.matchAll(new RegExp(wholeWords(parts.join(String.raw`[\s-]+`)), "giu"))].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  });
  let result = spans;
  for (const k of kept) {
    result = result.flatMap((s) => {
      if (s.end <= k.start || s.start >= k.end) return [s];
      return [trim(text, { ...s, end: k.start }), trim(text, { ...s, start: k.end })].filter((p): p is Span => p !== undefined);
    });
  }
  return result;
}

/** A span without the spaces and punctuation at its edges, or nothing if no letters are left. */
function trim(text: string, s: Span): Span | undefined {
  let { start, end } = s;
  while (start < end && !LETTER.test(text[start] ?? "")) start++;
  while (end > start && !LETTER.test(text[end - 1] ?? "")) end--;
  return end > start ? { ...s, start, end } : undefined;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const wholeWords = (pattern: string) => String.raw`(?<![\p{L}\p{N}_])(?:${pattern})(?![\p{L}\p{N}_])`;
