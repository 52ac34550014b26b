import type { Grant } from "../../../../functions/domain/roles";
import { byId, el } from "../dom";
import { showApiError } from "../api";
import { sendStaff, type ApiError } from "./api";
import { clearAllErrors, onSubmit, textOf } from "./form";
import { setTitle, showContent, showState } from "./page";
import { roleLabel } from "./roles";

type Step = "details" | "app" | "codes";

const STEPS: Record<Step, { heading: string; caption: string }> = {
  details: { heading: "Set up your staff account", caption: "Step 1 of 3" },
  app: { heading: "Set up your authenticator app", caption: "Step 2 of 3" },
  codes: { heading: "Save your recovery codes", caption: "Step 3 of 3" },
};

/** Base64 of a UTF-8 string, for a `data:` image. */
function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** "Worker at Harbour Support and Navigator for Bristol": the API names each place for the invited person. */
function rolesPhrase(grants: (Grant & { organisationName?: string; areaName?: string })[]): string {
  const where = (g: (typeof grants)[number]) => (g.organisationName ? ` at ${g.organisationName}` : g.areaName ? ` for ${g.areaName}` : "");
  const labels = [...new Set(grants.map((g) => `${roleLabel(g.role)}${where(g)}`))];
  return labels.length > 1 ? `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}` : (labels[0] ?? "");
}

/**
 * Accepting an invite, in three steps on one page. The token is in the link's fragment (never
 * sent to a server log); it is read once and taken out of the address bar straight away.
 */
export async function startInvite(): Promise<void> {
  const token = window.location.hash.slice(1);
  history.replaceState(null, "", window.location.pathname);
  const heading = byId("page-heading");
  const caption = byId("invite-step");
  const sections = { details: byId("step-details"), app: byId("step-app"), codes: byId("step-codes") };

  function show(step: Step, focus = true) {
    for (const [name, section] of Object.entries(sections)) section.hidden = name !== step;
    heading.textContent = STEPS[step].heading;
    caption.textContent = STEPS[step].caption;
    caption.hidden = false;
    clearAllErrors();
    showContent();
    if (focus) heading.focus();
  }

  function gone(error: ApiError) {
    caption.hidden = true;
    showState(
      "This invite link cannot be used",
      "Invite link not valid",
      [
        el("p", { class: "lead" }, error.message),
        el("p", {}, "Invite links work once, for 72 hours. If you have already set up your account, ", el("a", { href: "/staff/" }, "sign in"), "."),
      ],
      { homeLink: false },
    );
  }

  /** What ends the journey (a used, expired or incomplete link) versus a problem to fix on the form. */
  const isGone = (status: number, error: ApiError) => status === 410 || (status === 400 && error.fields.some((f) => f.field === "token"));

  if (!token) {
    gone({ code: "invite.missing", message: "This invite link is not complete. Copy the whole link from the email or message you were sent.", fields: [] });
    return;
  }
  const check = await sendStaff<{ email: string; grants: Grant[] }>("POST", "/api/staff/invites/check", { token });
  if (!check.ok) {
    if (isGone(check.status, check.error)) gone({ ...check.error, message: check.error.fields.find((f) => f.field === "token")?.message ?? check.error.message });
    else {
      const retry = el("button", { class: "button button--secondary", type: "button" }, "Try again");
      // Reloading would lose the token, which has left the address bar: try again in place.
      retry.addEventListener("click", () => {
        window.location.hash = token;
        window.location.reload();
      });
      showState("Sorry, something went wrong", "Something went wrong", [el("p", { class: "lead" }, check.error.message), el("p", {}, retry)], { homeLink: false });
    }
    return;
  }
  byId("invite-roles").textContent = `You have been invited to OneDoor's staff area as: ${rolesPhrase(check.data.grants)}.`;
  byId("invite-email").textContent = check.data.email;
  setTitle("Set up your account");
  show("details", false);

  const detailsForm = byId<HTMLFormElement>("details-form");
  onSubmit(detailsForm, async () => {
    const result = await sendStaff<{ secret: string; uri: string; qrSvg: string }>("POST", "/api/staff/invites/start", {
      token,
      name: textOf(detailsForm, "name"),
      password: (detailsForm.elements.namedItem("password") as HTMLInputElement).value,
    });
    if (!result.ok) {
      if (isGone(result.status, result.error)) gone(result.error);
      else showApiError(detailsForm, result.error, { linkTo: "name" });
      return;
    }
    const { secret, uri, qrSvg } = result.data;
    byId("invite-qr").replaceChildren(
      el("img", { src: `data:image/svg+xml;base64,${base64(qrSvg)}`, alt: "QR code for your authenticator app. If you cannot scan it, type the setup key below.", width: "220", height: "220" }),
    );
    byId("invite-secret").textContent = secret.match(/.{1,4}/g)!.join(" ");
    byId<HTMLAnchorElement>("invite-app-link").href = uri;
    show("app");
  });

  const codeForm = byId<HTMLFormElement>("code-form");
  onSubmit(codeForm, async () => {
    const result = await sendStaff<{ recoveryCodes: string[] }>("POST", "/api/staff/invites/complete", {
      token,
      code: textOf(codeForm, "code").replace(/\s/g, ""),
    });
    if (!result.ok) {
      if (isGone(result.status, result.error)) gone(result.error);
      else if (result.error.code === "invite.not_started") show("details");
      else showApiError(codeForm, result.error, { linkTo: "code" });
      return;
    }
    byId("invite-codes").replaceChildren(...result.data.recoveryCodes.map((code) => el("li", {}, el("code", {}, code))));
    show("codes");
  });
}
