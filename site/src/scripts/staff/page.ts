import { SITE_NAME } from "../../config";
import { byId, el } from "../dom";
import type { ApiError } from "./api";
import { clearAllErrors } from "./form";
import { requireSignedIn, type Me } from "./session";

/** The parts every staff page has (StaffPage.astro): heading, loading line, problem panel, content. */
const parts = () => ({
  heading: byId("page-heading"),
  loading: byId("staff-loading"),
  problem: byId("staff-problem"),
  content: byId("staff-content"),
});

export function setTitle(name: string): void {
  document.title = `${name} – ${SITE_NAME}`;
}

/** Shows the page's content once its data has loaded. */
export function showContent(): void {
  const { loading, content } = parts();
  loading.hidden = true;
  content.hidden = false;
}

/** Replaces the page with one clear message: no access, not found, or something went wrong. */
export function showState(heading: string, title: string, body: (Node | string)[], options: { homeLink?: boolean } = {}): void {
  const p = parts();
  clearAllErrors();
  p.loading.hidden = true;
  p.content.hidden = true;
  p.heading.textContent = heading;
  setTitle(title);
  p.problem.replaceChildren(...body);
  if (options.homeLink !== false) p.problem.append(el("p", {}, el("a", { href: "/staff/home/" }, "Go to the staff area home page")));
  p.problem.hidden = false;
  p.heading.focus();
}

/** The state for someone whose roles do not let them use this page (the API answered 403, or the policy says so). */
export function showNoAccess(): void {
  showState("Your role does not let you see this", "No access", [
    el("p", { class: "lead" }, "This part of the staff area is for other roles."),
    el("p", {}, "If you need it for your work, ask an admin or your manager to change your roles."),
  ]);
}

/** The state for an API error that stops the whole page: 403, 404, or anything else. */
export function showLoadError(status: number, error: ApiError): void {
  if (status === 403) {
    showNoAccess();
  } else if (status === 404) {
    showState("We could not find that", "Not found", [el("p", { class: "lead" }, error.message)]);
  } else {
    const retry = el("button", { class: "button button--secondary", type: "button" }, "Try again");
    retry.addEventListener("click", () => window.location.reload());
    showState("Sorry, something went wrong", "Something went wrong", [el("p", { class: "lead" }, error.message), el("p", {}, retry)]);
  }
}

/** Starts a staff page: loads who is signed in, then hands over to the page. */
export async function startStaffPage(render: (me: Me) => Promise<void> | void): Promise<void> {
  const signedIn = await requireSignedIn();
  if (!signedIn.ok) {
    showLoadError(0, { code: "", message: signedIn.message, fields: [] });
    return;
  }
  await render(signedIn.me);
}

/** A success panel: says what happened and takes focus, so a screen reader reads it. */
export function showSuccess(panel: HTMLElement, heading: string, ...body: (Node | string)[]): void {
  panel.replaceChildren(el("h2", { class: "staff-success__title" }, heading), ...body);
  panel.hidden = false;
  panel.focus();
}

export { formatDate, formatDateTime } from "../dates";
