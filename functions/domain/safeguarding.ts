/**
 * Words that suggest someone may be at risk now (PRODUCT.md J9): feedback that uses them goes to
 * the safeguarding queue as well as to moderation. The list errs towards flagging: a moderator
 * can clear a false alarm in seconds, and a missed one could cost a life.
 *
 * Matching is on whole words after tidying: lower case, apostrophes dropped ("don't" is "dont"),
 * every other punctuation mark a space. Past abuse on its own is not flagged: everyone giving
 * feedback to OneDoor may be talking about abuse that has ended. Abuse still happening is.
 */

type Signal = {
  /** Words in tidied text; `|` and `( )` as in a regular expression, spaces as written. */
  words: string;
  /** Whether "never", "not" and the like just before it mean it is not a worry ("I never felt unsafe"). */
  negatable?: boolean;
};

const SIGNALS: Signal[] = [
  // Suicide, including the words young people use online ("kms", "unalive").
  // Not "took my life": survivors write "it took my life away" of abuse that has ended.
  { words: "(kill|killing|killed|end|ending|take|taking) (myself|my life|my own life)" },
  { words: "kms|kys|suicide|suicidal|unalive( myself)?|end it all|end everything|hang myself" },
  { words: "(want|wanna|wanted|going|gonna|about|planning|plan|ready|trying) to die|wanna die|gonna die" },
  { words: "wish (i was|i were|i was never|i had never been) (dead|born)|better off dead|better off without me" },
  { words: "(dont|do not|didnt|no longer|not) want to (be here|be alive|live|exist|wake up)" },
  { words: "no (reason|point) (to|in) (live|living|being alive|going on)|not worth living" },
  { words: "(cant|can not|cannot) (go on|cope|take it) any ?more|(cant|can not|cannot) cope" },
  { words: "(overdose|overdosed|overdosing)|(took|take|taking) (an|a) (od|overdose)|took (loads of|all my) (pills|tablets)" },
  // Self-harm.
  { words: "self harm|self harming|self harmed|selfharm|selfharming" },
  { words: "(hurt|hurting|harm|harming|cut|cutting|burn|burning|punish|punishing|starve|starving) myself" },
  { words: "(started|start|starting) cutting( again)?|cutting again|cuts on my (arm|arms|legs|wrist|wrists)" },
  // Being hurt or abused now.
  { words: "(hes|shes|theyre|he is|she is|they are|its|it is|abuse is|this is) still (happening|going on|doing it|hurting me|abusing me|touching me)" },
  { words: "still (doing it to me|doing it|hurting me|hitting me|abusing me|touching me|raping me|making me|threatening me|messaging me|following me)" },
  // With someone doing it, because "it hurts me to say this" is not a danger.
  { words: "(he|she|they|someone|somebody|dad|mum|stepdad|stepmum|brother|sister|uncle|cousin|boyfriend|girlfriend|partner|man|men|people)( still| always| sometimes| often)? (hurts|hits|beats|touches|abuses|rapes|chokes|strangles) me" },
  { words: "(is|keeps|keep|are|still) (hurting|hitting|beating|touching|abusing|raping|threatening|following|grooming|blackmailing) me" },
  { words: "(am|im|are|is) being (abused|hurt|groomed|exploited|raped|threatened|blackmailed|followed|trafficked)" },
  { words: "(makes|make|making|forces|forcing) me (do|have sex|send|meet|go with|sleep with)" },
  { words: "(asks|asking|makes|making|forcing) me (for|to send) (nudes|pics|pictures|photos|videos)" },
  { words: "threatening to (share|post|send|show|hurt|kill)|threatened to (kill|hurt) me|(will|going to|gonna) (kill|hurt) me|(kill|hurt) me if i (tell|told|say|said)" },
  // In danger, or not safe where they live.
  { words: "in danger|not safe at home|not safe|dont feel safe|do not feel safe|didnt feel safe|never feel safe" },
  { words: "unsafe|scared (for|of) my life|fear for my life", negatable: true },
  { words: "(scared|afraid|frightened|terrified) to go home|(cant|cannot|can not) go home", negatable: true },
  // Running away, or nowhere to stay.
  { words: "(run|running|ran|runaway|ranaway) away|(going to|gonna|want to|wanna|thinking of|about to) leave home" },
  { words: "(sleeping|slept|sleep) (rough|on the street|on the streets|outside)|homeless|nowhere (to go|to stay|to sleep|safe)" },
  // "I went missing", not "my forms went missing".
  { words: "(kicked|thrown|threw|chucked) me out|(i|ive|i have|we) (went|go|going|gone|keep going) missing|missing from home" },
  // Asking for help now.
  { words: "help me (please|now)|please help me|someone help|need help (now|today|urgently|asap)" },
];

const NEGATIONS = /(?:^| )(?:never|not|no|dont|didnt|wasnt|werent|isnt|arent|havent|hardly|without|no longer)(?: \S+){0,2} $/;

const COMPILED = SIGNALS.map((s) => ({ ...s, pattern: new RegExp(`(?<= )(?:${s.words})(?= )`, "g") }));

/** Text as the signals read it: lower case, apostrophes dropped, other punctuation as spaces. */
export function tidyForSignals(text: string): string {
  const words = text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/['’‘`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return ` ${words} `;
}

/** Whether free text suggests someone may be at risk now, and the phrases that say so. */
export function riskSignals(text: string): { flagged: boolean; phrases: string[] } {
  const tidy = tidyForSignals(text);
  const found: { start: number; end: number; phrase: string }[] = [];
  for (const signal of COMPILED) {
    for (const m of tidy.matchAll(signal.pattern)) {
      if (signal.negatable && NEGATIONS.test(tidy.slice(0, m.index))) continue;
      found.push({ start: m.index, end: m.index + m[0].length, phrase: m[0] });
    }
  }
  // "he is still doing it" also holds "still doing it": a moderator needs the longer one only.
  const within = (a: (typeof found)[number], b: (typeof found)[number]) => a !== b && b.start <= a.start && b.end >= a.end && b.phrase !== a.phrase;
  const phrases = new Set(found.filter((a) => !found.some((b) => within(a, b))).map((f) => f.phrase));
  return { flagged: phrases.size > 0, phrases: [...phrases] };
}

/** The answers to "I felt safe" (domain/feedback.ts AGREEMENT) that send feedback to safeguarding whatever the text says: 1, "strongly disagree". */
export const FELT_UNSAFE_ANSWERS: readonly number[] = [1];

/** Why a piece of feedback needs a safeguarding look. */
export type SafeguardingReason = "risk-words" | "felt-unsafe";

/** Whether feedback goes to the safeguarding queue: risk words in its text, or "I felt safe: strongly disagree". */
export function needsSafeguarding(feedback: { text?: string; feltSafe?: number }): {
  needed: boolean;
  reasons: SafeguardingReason[];
  phrases: string[];
} {
  const { phrases } = riskSignals(feedback.text ?? "");
  const reasons: SafeguardingReason[] = [];
  if (phrases.length) reasons.push("risk-words");
  if (feedback.feltSafe !== undefined && FELT_UNSAFE_ANSWERS.includes(feedback.feltSafe)) reasons.push("felt-unsafe");
  return { needed: reasons.length > 0, reasons, phrases };
}
