import type { SubjectAccessExport } from "../../../../functions/features/subject-access";
import { formatReference, isReference, REFERENCE_LENGTH, tidyReference } from "../../../../functions/domain/request-codes";
import { byId, el } from "../dom";
import { showApiError } from "../api";
import { getStaff } from "./api";
import { clearAllErrors, onSubmit, showFormErrors } from "./form";
import { formatDate, showContent, showNoAccess, showSuccess, startStaffPage } from "./page";
import { mayEver } from "./session";

/** What is wrong with a typed reference, in words that say how to fix it; nothing if it is fine. */
function problemWith(reference: string): string | undefined {
  if (!reference) return "Enter the reference of the request.";
  if (reference.length !== REFERENCE_LENGTH) return `A reference has ${REFERENCE_LENGTH} letters and numbers, like K7QM 3XPA. Check it and try again.`;
  if (!isReference(reference)) return "A reference has only letters and numbers, and never O, 0, I, 1 or L. Check each one and try again.";
  return undefined;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "A, B and C". */
const listOf = (words: string[]) => (words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words.at(-1)}` : (words[0] ?? ""));

/** What the export holds, in plain words: counts and dates, never the person's answers. */
function summary(data: SubjectAccessExport): HTMLElement {
  const names = data.services.map((s) => s.serviceName ?? "a service no longer in the directory");
  return el(
    "ul",
    {},
    el("li", {}, `Asked for support on ${formatDate(data.request.createdAt)}.`),
    el("li", {}, `Sent to ${count(data.services.length, "service", "services")}: ${listOf(names)}.`),
    el("li", {}, `${count(data.history.length, "history entry", "history entries")}: what the services did and when.`),
    el("li", {}, `${count(data.access.length, "audit log entry", "audit log entries")}: who opened, acted on or exported it, and when.`),
    el("li", {}, "Their answers, and any contact details, as they gave them."),
  );
}

const sizeWords = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * The subject access export (admins): type a reference, get a summary of what OneDoor holds and
 * the JSON as a download made in the browser from the answer already fetched. The download's
 * object URL is revoked when another export is made or the page is left, so the file does not
 * stay reachable in memory.
 */
export function startSubjectAccess(): Promise<void> {
  return startStaffPage((me) => {
    // The home page links here only for admins; anyone else who comes is told plainly.
    if (!mayEver(me, "request.export")) return showNoAccess();
    const form = byId<HTMLFormElement>("export-form");
    const input = byId<HTMLInputElement>("reference");
    const done = byId("export-done");
    let objectUrl: string | undefined;

    function clearResult(): void {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      objectUrl = undefined;
      done.hidden = true;
      done.replaceChildren();
    }

    const showError = (message: string) => showFormErrors(form, [{ field: "reference", message }]);

    onSubmit(form, async () => {
      clearResult();
      const reference = tidyReference(input.value);
      const problem = problemWith(reference);
      if (problem) return showError(problem);
      const result = await getStaff<SubjectAccessExport>(`/api/staff/requests/${reference}/export`);
      if (!result.ok) {
        if (result.status === 403) return showNoAccess();
        if (result.status === 404) return showError("No request has this reference. Check it and try again.");
        return showApiError(form, result.error);
      }
      clearAllErrors();
      const data = result.data;
      const file = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
      objectUrl = URL.createObjectURL(file);
      const shown = formatReference(data.reference);
      input.value = shown;
      showSuccess(
        done,
        `Export made for ${shown.replace(" ", "\u00a0")}`, // the reference never breaks across lines
        el("p", {}, "It holds:"),
        summary(data),
        el("p", {}, el("a", { href: objectUrl, download: `onedoor-${data.reference}.json` }, `Download the export (JSON, ${sizeWords(file.size)})`)),
        el(
          "p",
          {},
          el("strong", {}, "This export holds personal data."),
          " Send it to the person securely, and do not keep copies: delete the file from this device once it has gone.",
        ),
      );
    });

    // Leaving (or going back and forward) must not keep the export, or the reference, around.
    window.addEventListener("pagehide", () => {
      clearResult();
      clearAllErrors();
      form.reset();
    });
    showContent();
  });
}
