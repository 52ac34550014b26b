import { byId, el } from "../dom";
import { showApiError } from "../api";
import { sendStaff } from "./api";
import { clearAllErrors, onSubmit } from "./form";
import { showContent, showSuccess, startStaffPage } from "./page";
import { signOutButton } from "./sign-out";

const valueOf = (form: HTMLFormElement, name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;

/** The account page: change password, new recovery codes, sign out everywhere. */
export function startAccount(): Promise<void> {
  return startStaffPage((me) => {
    byId("account-name").textContent = me.name;
    byId("account-email").textContent = me.email;
    byId<HTMLInputElement>("account-username").value = me.email;
    const codesLeft = byId("account-codes-left");
    codesLeft.textContent = String(me.recoveryCodesLeft);

    const passwordForm = byId<HTMLFormElement>("password-form");
    const passwordDone = byId("password-done");
    onSubmit(passwordForm, async () => {
      passwordDone.hidden = true;
      const result = await sendStaff("POST", "/api/staff/account/password", {
        currentPassword: valueOf(passwordForm, "currentPassword"),
        newPassword: valueOf(passwordForm, "newPassword"),
      });
      if (!result.ok) {
        showApiError(passwordForm, result.error);
        return;
      }
      clearAllErrors();
      passwordForm.reset();
      showSuccess(passwordDone, "Your password has been changed", el("p", {}, "Use your new password next time you sign in."));
    });

    const codesForm = byId<HTMLFormElement>("codes-form");
    const codesDone = byId("codes-done");
    onSubmit(codesForm, async () => {
      codesDone.hidden = true;
      const result = await sendStaff<{ recoveryCodes: string[] }>("POST", "/api/staff/account/recovery-codes", { password: valueOf(codesForm, "password") });
      if (!result.ok) {
        showApiError(codesForm, result.error);
        return;
      }
      clearAllErrors();
      codesForm.reset();
      codesLeft.textContent = String(result.data.recoveryCodes.length);
      showSuccess(
        codesDone,
        "Your new recovery codes",
        el("p", {}, el("strong", {}, "Save them now: we will not show them again."), " Your old codes no longer work. Each code works once."),
        el("ol", { class: "staff-codes" }, ...result.data.recoveryCodes.map((code) => el("li", {}, el("code", {}, code)))),
      );
    });

    signOutButton(byId<HTMLButtonElement>("sign-out-everywhere"), "/api/staff/sign-out-everywhere", "everywhere");
    showContent();
  });
}
