import { getJson, showApiError } from "../api";
import { byId } from "../dom";
import { sendStaff } from "./api";
import { clearAllErrors, onSubmit, textOf } from "./form";

const HOME = "/staff/home/";

const NOTICES: Record<string, string> = {
  again: "Please sign in to continue.",
  out: "You have signed out.",
  everywhere: "You have signed out on every device.",
};

/** The sign-in form: email, password and a code; one generic message when any of them is wrong. */
export function startSignIn(): void {
  const form = byId<HTMLFormElement>("signin-form");
  const notice = byId("signin-notice");
  const reason = new URLSearchParams(window.location.search).get("signin");
  if (reason && NOTICES[reason]) {
    notice.textContent = NOTICES[reason];
    notice.hidden = false;
  }
  // Already signed in (a bookmark, the Back button): straight to the staff area.
  void getJson("/api/staff/me").then((me) => {
    if (me.ok) window.location.replace(HOME);
  });

  onSubmit(form, async () => {
    const result = await sendStaff("POST", "/api/staff/sign-in", {
      email: textOf(form, "email"),
      password: (form.elements.namedItem("password") as HTMLInputElement).value,
      code: textOf(form, "code"),
    });
    if (result.ok) {
      clearAllErrors();
      window.location.assign(HOME);
      return;
    }
    notice.hidden = true;
    // A failed sign-in never says which part was wrong; it is not one field's error.
    showApiError(form, result.status === 401 ? { ...result.error, fields: [] } : result.error, { linkTo: "email" });
  });
}
