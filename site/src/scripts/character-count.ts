/** Waits this long after the last key before telling a screen reader the count, so it is not read out on every key. */
const ANNOUNCE_AFTER_MS = 1000;

const plural = (n: number) => `${n.toLocaleString("en-GB")} ${n === 1 ? "character" : "characters"}`;

/** "You have 120 characters left", or "You have 3 characters too many". */
export const countMessage = (length: number, max: number) =>
  length <= max ? `You have ${plural(max - length)} left.` : `You have ${plural(length - max)} too many.`;

/**
 * GOV.UK's character count for a textarea in a `[data-character-count="<max>"]` field: a count
 * you can see as you type, and the same words for a screen reader once typing pauses. Nothing is
 * cut off: a message that is too long says so, and the form says it again when you continue.
 */
export function characterCount(field: HTMLElement): { update: () => void } {
  const max = Number(field.dataset.characterCount);
  const box = field.querySelector<HTMLTextAreaElement>("textarea")!;
  const message = field.querySelector<HTMLElement>("[data-count-message]")!;
  const status = field.querySelector<HTMLElement>("[data-count-status]")!;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    message.textContent = countMessage(box.value.length, max);
    message.classList.toggle("character-count--over", box.value.length > max);
  };
  box.addEventListener("input", () => {
    update();
    clearTimeout(timer);
    timer = setTimeout(() => (status.textContent = message.textContent), ANNOUNCE_AFTER_MS);
  });
  update();
  return {
    /** Shows the count for what the box holds now (after it was emptied). */
    update() {
      clearTimeout(timer);
      status.textContent = "";
      update();
    },
  };
}
