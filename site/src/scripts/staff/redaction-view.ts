import { REDACTION_KINDS, type RedactionKind } from "../../../../functions/domain/redaction-labels";
import { byId, el } from "../dom";
import { clearAllErrors, onSubmit, showFormErrors, textOf } from "./form";
import { addRedactions, overlapsAny, type Redaction } from "./redaction-edit";

/**
 * What the moderation pages show of redactions (feedback in moderation-piece.ts, group reports
 * and providers' answers in moderation-texts.ts): the text with its redactions marked, the tick
 * boxes to keep or undo them, words selected in the text, and words a moderator adds.
 */

/** A redaction on the page: chosen (ticked) or not, and whether OneDoor suggested it or the moderator added it. */
export type Entry = { r: Redaction; chosen: boolean; suggested: boolean };

/** The kind of a redaction in a moderator's words. */
export const kindWords = (kind: RedactionKind) => REDACTION_KINDS[kind] ?? kind;

/** The ticked entries' redactions: what an approval sends. */
export const chosenOf = (entries: readonly Entry[]) => entries.filter((e) => e.chosen).map((e) => e.r);

/** OneDoor's suggestions, each ticked to start with. */
export const suggested = (proposals: readonly Redaction[]): Entry[] => proposals.map((r) => ({ r, chosen: true, suggested: true }));

/**
 * The original text with each redaction as a <mark>. The kind is written out, visibly and for
 * screen readers (which do not announce <mark>), so the highlight is never colour alone. Words
 * the page adds are `data-skip`, so a selection's offsets count the original text only.
 */
export function marked(text: string, redactions: readonly Redaction[]): Node[] {
  const nodes: Node[] = [];
  let at = 0;
  for (const r of [...redactions].sort((a, b) => a.start - b.start)) {
    if (r.start > at) nodes.push(document.createTextNode(text.slice(at, r.start)));
    nodes.push(
      el(
        "mark",
        { class: "redaction" },
        el("span", { class: "visually-hidden", "data-skip": "" }, `[to be removed, ${kindWords(r.kind).toLowerCase()}: `),
        text.slice(r.start, r.end),
        el("span", { class: "visually-hidden", "data-skip": "" }, "]"),
        el("span", { class: "redaction__kind", "aria-hidden": "true", "data-skip": "" }, kindWords(r.kind)),
      ),
    );
    at = r.end;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}

/** Where a point in the marked-up text falls in the original: the page's own words (`data-skip`) do not count. */
export function offsetIn(container: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(container, 0);
  range.setEnd(node, offset);
  const part = range.cloneContents();
  for (const added of Array.from(part.querySelectorAll("[data-skip]"))) added.remove();
  return part.textContent?.length ?? 0;
}

/**
 * The tick boxes for one text's redactions, ids `${prefix}-0`, `${prefix}-1`…, each labelled
 * with the words and described by their kind and who suggested them. `onChange` hears each tick.
 */
export function choiceList(entries: readonly Entry[], prefix: string, onChange: (entry: Entry) => void): HTMLElement[] {
  return entries.map((entry, i) => {
    const id = `${prefix}-${i}`;
    const box = el("input", { type: "checkbox", id, name: prefix, value: String(i), "aria-describedby": `${id}-hint` });
    box.checked = entry.chosen;
    box.addEventListener("change", () => {
      entry.chosen = box.checked;
      onChange(entry);
    });
    return el(
      "div",
      { class: "choice" },
      box,
      el(
        "div",
        {},
        el("label", { for: id }, `“${entry.r.text}”`),
        el("span", { class: "hint", id: `${id}-hint` }, `${kindWords(entry.r.kind)}, ${entry.suggested ? "suggested by OneDoor" : "added by you"}`),
      ),
    );
  });
}

/** What a tick or untick means, for the status line. */
export const tickedWords = (entry: Entry) => `“${entry.r.text}” will ${entry.chosen ? "be removed" : "stay in"}.`;

/**
 * Keeps the words last selected in any of these texts, as written (the page's labels left out).
 * Pressing a button clears the selection on some browsers before its click, so the selection is
 * read as it changes. `texts` gives each marked-up box and its original text.
 */
export function watchSelection(texts: () => readonly { box: HTMLElement; text: string }[]): () => string {
  let selected = "";
  document.addEventListener("selectionchange", () => {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    const within = texts().find(({ box }) => box.contains(range.commonAncestorContainer));
    if (!within) return;
    const start = offsetIn(within.box, range.startContainer, range.startOffset);
    const end = offsetIn(within.box, range.endContainer, range.endOffset);
    selected = within.text.slice(start, end).trim();
  });
  return () => selected;
}

/** Stops a button taking the selection away before its click (watchSelection). */
export function keepSelection(button: HTMLElement): void {
  button.addEventListener("mousedown", (event) => event.preventDefault());
}

/**
 * The entries once these words are removed wherever they appear in the text: the ticked ones
 * join the new ones (addRedactions), and an unticked suggestion the new words run into gives way.
 * `found` is how many places the words are in; `added` how many are newly removed.
 */
export function withWordsRemoved(text: string, entries: readonly Entry[], proposals: readonly Redaction[], words: string, kind: RedactionKind): { entries: Entry[]; found: number; added: number } {
  const added = addRedactions(text, chosenOf(entries), words, kind);
  if (added.added === 0) return { entries: [...entries], found: added.found, added: 0 };
  const same = (a: Redaction, b: Redaction) => a.start === b.start && a.end === b.end && a.kind === b.kind;
  return {
    entries: [
      ...added.redactions.map((r) => ({ r, chosen: true, suggested: proposals.some((p) => same(p, r)) })),
      ...entries.filter((e) => !e.chosen && !overlapsAny(e.r, added.redactions)),
    ].sort((a, b) => a.r.start - b.r.start),
    found: added.found,
    added: added.added,
  };
}

/**
 * The "Remove more words" form (components/staff/RemoveWordsForm.astro): "Use the words I
 * selected" fills the box, and a sent form gives `remove` its words and kind once both are there.
 * `where` names the text in the messages: "what they wrote", or "a text".
 */
export function onRemoveWords(form: HTMLFormElement, selectedWords: () => string, where: string, remove: (words: string, kind: RedactionKind) => void): void {
  const button = byId("add-selected");
  keepSelection(button);
  button.addEventListener("click", () => {
    const words = byId<HTMLInputElement>("add-words");
    const selected = selectedWords();
    if (!selected) {
      showFormErrors(form, [{ field: "words", message: `Select some words in ${where} first, or type them here.` }]);
      return;
    }
    clearAllErrors();
    words.value = selected;
    words.focus();
  });
  onSubmit(form, async () => {
    const words = textOf(form, "words");
    const kind = textOf(form, "kind") as RedactionKind | "";
    const errors = [
      ...(words ? [] : [{ field: "words", message: `Type the words to remove, or select them in ${where}.` }]),
      ...(kind ? [] : [{ field: "kind", message: "Choose what the words are." }]),
    ];
    if (errors.length || !kind) {
      showFormErrors(form, errors);
      return;
    }
    remove(words, kind);
  });
}
