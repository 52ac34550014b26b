import { showApiError } from "../api";
import { byId, el } from "../dom";
import { getStaff, sendStaff, type ApiError } from "./api";
import { scoreFacts, usageWords, type PieceToModerate } from "./feedback-words";
import { clearAllErrors, onSubmit, showFormErrors, textOf } from "./form";
import { decidedHref } from "./moderation";
import { formatDateTime, setTitle, showContent, showLoadError, showState, showSuccess, startStaffPage } from "./page";
import { previewRedacted, type Redaction } from "./redaction-edit";
import { chosenOf, choiceList, marked, suggested, tickedWords, onRemoveWords, watchSelection, withWordsRemoved, type Entry } from "./redaction-view";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One label and its value in a description list. */
const fact = (label: string, ...value: (Node | string)[]) => [el("dt", {}, label), el("dd", {}, ...value)];

function notFound(): void {
  showState("We could not find that feedback", "Not found", [
    el("p", { class: "lead" }, "It may have been deleted at the end of the time OneDoor keeps feedback, or the link may be wrong."),
    el("p", {}, el("a", { href: "/staff/moderation/" }, "Go to moderation")),
  ]);
}

/**
 * One piece of feedback for a moderator (J9): a safeguarding panel first if it may mean someone is
 * at risk, the original with OneDoor's proposed redactions marked, ways to keep or add to them, a
 * live preview of what others will read, then approve or reject. Opening it is audited.
 */
export function startModerationPiece(): Promise<void> {
  return startStaffPage(async () => {
    const id = new URLSearchParams(window.location.search).get("id") ?? "";
    if (!UUID.test(id)) {
      notFound();
      return;
    }
    const path = `/api/staff/moderation/${encodeURIComponent(id)}`;
    const result = await getStaff<{ piece: PieceToModerate }>(path);
    if (!result.ok) {
      if (result.status === 404) notFound();
      else showLoadError(result.status, result.error);
      return;
    }
    let piece = result.data.piece;
    const text = piece.text;
    let entries: Entry[] = suggested(piece.proposals);
    const chosen = () => chosenOf(entries);
    const waitingForSafeguarding = () => !!piece.safeguarding && !piece.safeguarding.actioned;

    const textBox = byId("piece-text");
    const preview = byId("piece-preview");
    const status = byId("redaction-status");
    const choices = byId("redaction-choices");
    const riskForm = byId<HTMLFormElement>("risk-form");
    const redactionsForm = byId<HTMLFormElement>("redactions-form");
    const addForm = byId<HTMLFormElement>("add-form");
    const approveForm = byId<HTMLFormElement>("approve-form");
    const rejectForm = byId<HTMLFormElement>("reject-form");

    function showMarks(redactions: readonly Redaction[]): void {
      textBox.replaceChildren(...marked(text, redactions));
    }

    function showPreview(): void {
      showMarks(chosen());
      preview.textContent = previewRedacted(text, chosen());
    }

    function showChoices(): void {
      choices.replaceChildren(
        ...choiceList(entries, "redaction", (entry) => {
          showPreview();
          status.textContent = tickedWords(entry);
        }),
      );
      byId("no-redactions").hidden = entries.length > 0;
    }

    function showRisk(): void {
      const risk = piece.safeguarding;
      byId("risk").hidden = !risk;
      if (!risk) return;
      byId("risk-service").textContent = piece.serviceName;
      byId("risk-why").replaceChildren(
        ...(risk.phrases.length
          ? [el("p", {}, "OneDoor flagged it because of these words (shown without capitals or punctuation):"), el("ul", { class: "moderation-phrases" }, ...risk.phrases.map((p) => el("li", {}, `“${p}”`)))]
          : []),
        ...(risk.feltUnsafe ? [el("p", {}, "They said they did not feel safe with the service.")] : []),
      );
      const recorded = byId("risk-recorded");
      recorded.hidden = !risk.actioned;
      riskForm.hidden = !!risk.actioned || piece.state !== "pending";
      if (risk.actioned) {
        recorded.replaceChildren(
          el("h3", {}, "What was done"),
          el("p", {}, `Recorded by ${risk.actioned.by.name}, `, el("time", { datetime: risk.actioned.at }, formatDateTime(risk.actioned.at)), ":"),
          el("p", { class: "inbox-message" }, risk.actioned.action ?? ""),
        );
      }
      byId("decision-wait").hidden = !waitingForSafeguarding();
    }

    function showDecided(): void {
      const decided = byId("piece-decided");
      const done = piece.state !== "pending";
      byId("editor").hidden = done;
      byId("decision").hidden = done;
      decided.hidden = !done;
      if (!done) return;
      const by = piece.decided ? [` by ${piece.decided.by.name}, `, el("time", { datetime: piece.decided.at }, formatDateTime(piece.decided.at))] : [];
      decided.replaceChildren(
        el("h2", { class: "staff-card-title" }, piece.state === "approved" ? "This feedback has been approved" : "This feedback has been rejected"),
        el("p", {}, piece.state === "approved" ? "Approved" : "Rejected", ...by, "."),
        ...(piece.decided?.reason ? [el("p", {}, `Why: ${piece.decided.reason}`)] : []),
        el("p", {}, el("a", { href: "/staff/moderation/" }, "Go back to moderation")),
      );
      byId("original-hint").textContent = "As they wrote it: only moderators see this.";
      if (piece.state === "approved") {
        showMarks(piece.redactions ?? []);
        preview.textContent = piece.redactedText ?? "";
        byId("preview-hint").textContent = "The service's staff and the commissioners for its area read this.";
      } else {
        showMarks([]);
        byId("preview").hidden = true;
      }
    }

    byId("page-heading").textContent = `Feedback about ${piece.serviceName}`;
    setTitle("Moderate feedback");
    byId("piece-facts").replaceChildren(
      ...fact("Received", el("time", { datetime: piece.receivedAt }, formatDateTime(piece.receivedAt))),
      ...fact("How they know the service", usageWords(piece.usage)),
      ...(piece.fromCheckIn ? fact("Sent from", "Checking in: they had asked this service for support. Nothing links it to their request.") : []),
    );
    byId("piece-scores").replaceChildren(scoreFacts(piece.scores));
    showRisk();
    showChoices();
    showPreview();
    showDecided();

    /** A flagged piece waits for its safeguarding record: the summary links to the box to fill in. */
    function refusedForSafeguarding(): boolean {
      if (!waitingForSafeguarding()) return false;
      showFormErrors(riskForm, [{ field: "action", message: "This may mean someone is at risk. Record what you did about it first." }]);
      return true;
    }

    function showDecisionError(form: HTMLFormElement, status: number, error: ApiError, linkTo: string): void {
      if (status === 404) {
        notFound();
        return;
      }
      if (error.code === "feedback.safeguarding_first") {
        showFormErrors(riskForm, [{ field: "action", message: error.message }]);
        return;
      }
      // Redactions that do not fit go on the list of words; anything else (already decided,
      // changed meanwhile) is no box's, and links to the button.
      showApiError(form, error, { linkTo });
    }

    onSubmit(riskForm, async () => {
      const action = textOf(riskForm, "action");
      if (!action) {
        showFormErrors(riskForm, [{ field: "action", message: "Say what you did." }]);
        return;
      }
      const sent = await sendStaff<{ piece: PieceToModerate }>("POST", `${path}/safeguarding`, { action });
      if (!sent.ok) {
        if (sent.status === 404) notFound();
        else showApiError(riskForm, sent.error, { linkTo: "risk-submit" });
        return;
      }
      clearAllErrors();
      piece = { ...piece, safeguarding: sent.data.piece.safeguarding };
      showRisk();
      showSuccess(byId("piece-done"), "What you did is recorded", el("p", {}, "You can now approve or reject this feedback."));
    });

    // The tick boxes' form has nothing to send: ticking only changes what the approval sends.
    redactionsForm.addEventListener("submit", (event) => event.preventDefault());

    const selectedWords = watchSelection(() => [{ box: textBox, text }]);
    onRemoveWords(addForm, selectedWords, "what they wrote", (words, kind) => {
      const added = withWordsRemoved(text, entries, piece.proposals, words, kind);
      if (added.found === 0) {
        showFormErrors(addForm, [{ field: "words", message: "Those words are not in what they wrote. Type them exactly as they are written." }]);
        return;
      }
      clearAllErrors();
      if (added.added === 0) {
        status.textContent = `“${words}” is already being removed.`;
        return;
      }
      entries = added.entries;
      showChoices();
      showPreview();
      byId<HTMLInputElement>("add-words").value = "";
      status.textContent = `“${words}” will be removed, in ${added.added} ${added.added === 1 ? "place" : "places"}.`;
    });

    onSubmit(approveForm, async () => {
      if (refusedForSafeguarding()) return;
      const sent = await sendStaff<{ state: string }>("POST", `${path}/decision`, { decision: "approve", redactions: chosen() });
      if (!sent.ok) {
        showDecisionError(redactionsForm, sent.status, sent.error, "approve-submit");
        return;
      }
      window.location.assign(decidedHref("approved"));
    });

    onSubmit(rejectForm, async () => {
      if (refusedForSafeguarding()) return;
      const reason = textOf(rejectForm, "reason");
      if (!reason) {
        showFormErrors(rejectForm, [{ field: "reason", message: "Say why you are rejecting it." }]);
        return;
      }
      const sent = await sendStaff<{ state: string }>("POST", `${path}/decision`, { decision: "reject", reason });
      if (!sent.ok) {
        showDecisionError(rejectForm, sent.status, sent.error, "reject-submit");
        return;
      }
      window.location.assign(decidedHref("rejected"));
    });

    showContent();
  });
}
