import { EXIT_URL } from "../config";

/** Anything holding a person's answers in memory listens for this and forgets them. */
export const EXIT_EVENT = "onedoor:exit";

const SHIFT_PRESSES = 3;
const SHIFT_WINDOW_MS = 5000;

/** Blanks the page at once, forgets what was typed, and replaces OneDoor in history. */
export function exitThisPage(): void {
  document.documentElement.classList.add("is-exiting");
  document.title = "Loading";
  window.dispatchEvent(new Event(EXIT_EVENT));
  for (const form of Array.from(document.forms)) form.reset();
  // replace(), not assign(): the Back button must not bring the person back here.
  window.location.replace(EXIT_URL);
}

/** Wires the button, the skip link and Shift pressed three times. */
export function startExitThisPage(): void {
  for (const link of Array.from(document.querySelectorAll<HTMLAnchorElement>("[data-exit-this-page]"))) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      exitThisPage();
    });
  }
  let presses: number[] = [];
  document.addEventListener("keyup", (event) => {
    if (event.key !== "Shift") {
      presses = [];
      return;
    }
    const now = Date.now();
    presses = [...presses.filter((t) => now - t < SHIFT_WINDOW_MS), now];
    if (presses.length >= SHIFT_PRESSES) exitThisPage();
  });
  // Tells styles (and tests) that the quick exit is armed: Shift and the button both work now.
  document.documentElement.dataset.exitReady = "true";
  // A page restored from the back-forward cache after exiting must not show OneDoor again.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && document.documentElement.classList.contains("is-exiting")) window.location.replace(EXIT_URL);
  });
}
