import { sendStaff, SIGN_IN_PATH } from "./api";
import { showLoadError } from "./page";

/** A button that ends the session (or every session) and goes to the sign-in page, which says so. */
export function signOutButton(button: HTMLButtonElement, path: "/api/staff/sign-out" | "/api/staff/sign-out-everywhere", notice: "out" | "everywhere"): void {
  button.addEventListener("click", async () => {
    button.setAttribute("aria-disabled", "true");
    const result = await sendStaff("POST", path);
    button.removeAttribute("aria-disabled");
    if (result.ok) window.location.assign(`${SIGN_IN_PATH}?signin=${notice}`);
    else showLoadError(result.status, result.error);
  });
}
