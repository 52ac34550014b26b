import { byId, el } from "../dom";
import { getStaff } from "./api";
import type { Queued, QueuedPiece } from "./feedback-words";
import { loadList } from "./list-page";
import { formatDateTime, showSuccess, startStaffPage } from "./page";
import { ago } from "./routes";

/** The link to one piece's page. */
export const pieceHref = (id: string) => `/staff/moderation/piece/?${new URLSearchParams({ id })}`;

/** Where the piece's page sends a moderator once they have decided, and what the queue then says. */
export const decidedHref = (decision: "approved" | "rejected") => `/staff/moderation/?${new URLSearchParams({ decided: decision })}`;

const DECIDED: Record<string, [string, string]> = {
  approved: ["Feedback approved", "Its staff and the commissioners for its area can now read the redacted text."],
  rejected: ["Feedback rejected", "Nobody else will read it. Its scores still count in the statistics."],
};

/** One piece in the queue: the service, when it came and whether it may mean someone is at risk. Never its text. */
function row(piece: QueuedPiece): HTMLLIElement {
  const risk = piece.safeguarding;
  return el(
    "li",
    { class: `card${risk && !risk.actioned ? " moderation-row--risk" : ""}`, "data-id": piece.id },
    el("h2", { class: "staff-card-title" }, el("a", { href: pieceHref(piece.id) }, el("span", { class: "visually-hidden" }, "Feedback about "), piece.serviceName)),
    risk
      ? el(
          "ul",
          { class: "inbox-tags" },
          el("li", {}, el("span", { class: "tag tag--urgent" }, "May mean someone is at risk")),
          el("li", {}, risk.actioned ? el("span", { class: "tag tag--open" }, "What was done is recorded") : el("span", { class: "tag" }, "Nothing recorded yet")),
        )
      : null,
    el("p", {}, "Received ", el("time", { datetime: piece.receivedAt }, `${ago(piece.receivedAt)} (${formatDateTime(piece.receivedAt)})`)),
  );
}

/**
 * The moderation queue (PRODUCT.md J9): every piece with text waiting for a moderator, possible
 * risk first. After a decision the piece's page comes back here with `?decided=`, said once.
 */
export function startModerationQueue(): Promise<void> {
  return startStaffPage(async () => {
    const shown = await loadList("moderation", () => getStaff<{ pieces: Queued[] }>("/api/staff/moderation"), (data, { rows, status }) => {
      const pieces = data.pieces.filter((p): p is QueuedPiece => p.kind === "feedback");
      rows.replaceChildren(...pieces.map(row));
      const risky = pieces.filter((p) => p.safeguarding && !p.safeguarding.actioned).length;
      status.textContent =
        pieces.length === 1
          ? `1 piece waiting.${risky ? " It may mean someone is at risk." : ""}`
          : `${pieces.length} pieces waiting${risky ? `, ${risky} of them may mean someone is at risk.` : "."}`;
      return pieces.length;
    });

    const decided = DECIDED[new URLSearchParams(window.location.search).get("decided") ?? ""];
    if (decided && shown) {
      // Said once: a reload or a bookmark must not say it again.
      history.replaceState(null, "", window.location.pathname);
      showSuccess(byId("moderation-done"), decided[0], el("p", {}, decided[1]));
    }
  });
}
