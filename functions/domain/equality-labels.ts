import { AGE_BANDS } from "./support-request-labels";

/**
 * The optional equality questions (PRODUCT.md principle 7), asked with feedback and later with a
 * request for support: codes, the words for each answer, and each question as a young person
 * reads it. No zod here, so the pages can import it. Ethnicity and religion follow the ONS 2021
 * census for England and Wales, so commissioners can set the figures beside the census.
 */

export const PREFER_NOT_TO_SAY = "prefer-not-to-say";
const notSaying = { [PREFER_NOT_TO_SAY]: "I'd rather not say" } as const;

/** Age, in the same bands as a request for support, so the statistics line up. */
export const EQUALITY_AGE_BANDS = { ...AGE_BANDS, ...notSaying } as const;

export const GENDERS = {
  "girl-woman": "Girl or woman",
  "boy-man": "Boy or man",
  "non-binary": "Non-binary",
  "another-way": "I describe myself another way",
  ...notSaying,
} as const;

/** Whether someone's gender is the same as the sex they were registered with at birth (ONS 2021). */
export const TRANS_HISTORY = {
  same: "Yes, it is the same",
  different: "No, it is different",
  "not-sure": "I'm not sure",
  ...notSaying,
} as const;

/** The five high-level ethnic groups of the 2021 census in England and Wales. */
export const ETHNIC_GROUPS = {
  asian: "Asian, Asian British or Asian Welsh",
  black: "Black, Black British, Black Welsh, Caribbean or African",
  mixed: "Mixed or Multiple ethnic groups",
  white: "White",
  other: "Other ethnic group",
} as const;

/** The 19 detailed ethnic groups of the 2021 census in England and Wales. */
export const ETHNICITIES = {
  "asian-bangladeshi": "Bangladeshi",
  "asian-chinese": "Chinese",
  "asian-indian": "Indian",
  "asian-pakistani": "Pakistani",
  "asian-other": "Any other Asian background",
  "black-african": "African",
  "black-caribbean": "Caribbean",
  "black-other": "Any other Black, Black British or Caribbean background",
  "mixed-white-asian": "White and Asian",
  "mixed-white-black-african": "White and Black African",
  "mixed-white-black-caribbean": "White and Black Caribbean",
  "mixed-other": "Any other Mixed or Multiple ethnic background",
  "white-british": "English, Welsh, Scottish, Northern Irish or British",
  "white-irish": "Irish",
  "white-gypsy-irish-traveller": "Gypsy or Irish Traveller",
  "white-roma": "Roma",
  "white-other": "Any other White background",
  "other-arab": "Arab",
  "other-any": "Any other ethnic group",
  ...notSaying,
} as const;

export type EthnicGroup = keyof typeof ETHNIC_GROUPS;
export type Ethnicity = keyof typeof ETHNICITIES;

/** The high-level group of each detailed ethnic group: what small counts are added up into. */
export const ETHNIC_GROUP_OF: Record<Exclude<Ethnicity, typeof PREFER_NOT_TO_SAY>, EthnicGroup> = {
  "asian-bangladeshi": "asian",
  "asian-chinese": "asian",
  "asian-indian": "asian",
  "asian-pakistani": "asian",
  "asian-other": "asian",
  "black-african": "black",
  "black-caribbean": "black",
  "black-other": "black",
  "mixed-white-asian": "mixed",
  "mixed-white-black-african": "mixed",
  "mixed-white-black-caribbean": "mixed",
  "mixed-other": "mixed",
  "white-british": "white",
  "white-irish": "white",
  "white-gypsy-irish-traveller": "white",
  "white-roma": "white",
  "white-other": "white",
  "other-arab": "other",
  "other-any": "other",
};

/** The high-level ethnic group of an answer, or nothing for "I'd rather not say". */
export const ethnicGroupOf = (ethnicity: Ethnicity): EthnicGroup | undefined =>
  ethnicity === PREFER_NOT_TO_SAY ? undefined : ETHNIC_GROUP_OF[ethnicity];

/** Disability as the government's harmonised question counts it: a lasting condition, and how much it limits. */
export const DISABILITY = {
  "limited-a-lot": "Yes, and it makes everyday things a lot harder",
  "limited-a-little": "Yes, and it makes everyday things a bit harder",
  "not-limited": "Yes, but it does not make everyday things harder",
  no: "No",
  "not-sure": "I'm not sure",
  ...notSaying,
} as const;

/** The 2021 census answers, and "not sure yet", which a young person may well be. */
export const SEXUAL_ORIENTATIONS = {
  straight: "Straight or heterosexual",
  "gay-lesbian": "Gay or lesbian",
  bisexual: "Bisexual",
  other: "Another sexual orientation",
  "not-sure": "I'm not sure yet",
  ...notSaying,
} as const;

/** The religions of the 2021 census in England and Wales. */
export const RELIGIONS = {
  none: "No religion",
  christian: "Christian (any kind)",
  buddhist: "Buddhist",
  hindu: "Hindu",
  jewish: "Jewish",
  muslim: "Muslim",
  sikh: "Sikh",
  other: "Another religion",
  ...notSaying,
} as const;

/** Each question's answers, by the name the answers are stored under. */
export const EQUALITY_ANSWERS = {
  ageBand: EQUALITY_AGE_BANDS,
  gender: GENDERS,
  transHistory: TRANS_HISTORY,
  ethnicity: ETHNICITIES,
  disability: DISABILITY,
  sexualOrientation: SEXUAL_ORIENTATIONS,
  religion: RELIGIONS,
} as const;
export type EqualityQuestion = keyof typeof EQUALITY_ANSWERS;

/** What every equality page says first. */
export const EQUALITY_WHY_WE_ASK =
  "You do not have to answer these questions. Skip any you like. We ask so the people who pay for services can see who help is not reaching yet. We only count the answers all together. We never use them to find out who you are.";

/** Each question, a hint where it helps, and why we ask it, in words a 12-year-old can follow. */
export const EQUALITY_QUESTIONS: Record<EqualityQuestion, { question: string; hint?: string; why: string }> = {
  ageBand: {
    question: "How old are you?",
    why: "Help should work for people of every age. This shows us if it does.",
  },
  gender: {
    question: "What is your gender?",
    hint: "Choose the one that fits you best.",
    why: "Boys and young men often find it harder to ask for help. This shows us who is missing out.",
  },
  transHistory: {
    question: "Is your gender the same as the sex you were given when you were born?",
    why: "Trans young people can find it hard to get help that feels safe. This shows us if services are getting it right.",
  },
  ethnicity: {
    question: "What is your ethnic group?",
    hint: "This is about your family's background and culture.",
    why: "People from some backgrounds get less help than others. We want to find out, and put it right.",
  },
  disability: {
    question: "Do you have a disability, or an illness or condition that lasts a long time?",
    hint: "A long time means a year or more. It could be about your body, your mind or how you learn.",
    why: "Help should be easy to use for disabled people too. This shows us if it is.",
  },
  sexualOrientation: {
    question: "Which of these describes you best?",
    hint: "This is about who you fancy or have feelings for. It is fine not to know yet.",
    why: "LGBTQ+ young people can find it harder to get the right help. This shows us if they do.",
  },
  religion: {
    question: "What is your religion, if you have one?",
    why: "Help should feel right for people of every faith, and of none. This shows us if it does.",
  },
};
