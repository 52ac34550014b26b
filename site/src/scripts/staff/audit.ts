import type { AuditEntry } from "../../../../functions/domain/audit";
import { byId, el } from "../dom";
import { getStaff } from "./api";
import { formatDateTime, showContent, showLoadError, startStaffPage } from "./page";
import { loadNames, mayEver, ownOrganisationIds } from "./session";

const PAGE_SIZE = 50;

function row(entry: AuditEntry): HTMLTableRowElement {
  return el(
    "tr",
    { class: entry.outcome === "refused" ? "staff-refused" : "" },
    el("td", {}, el("time", { datetime: entry.at }, formatDateTime(entry.at))),
    el("td", {}, el("code", {}, entry.action)),
    el("td", {}, entry.actorId ? el("code", {}, entry.actorId) : "None"),
    el("td", {}, entry.record ? el("code", {}, entry.record) : "None"),
    el("td", {}, entry.outcome === "refused" ? "Refused" : "Allowed"),
  );
}

/**
 * The audit log, a page at a time. An admin reads all of it; a manager reads their own
 * organisation's entries (the API needs the organisation for them).
 */
export function startAudit(): Promise<void> {
  return startStaffPage(async (me) => {
    const rows = byId("audit-rows");
    const status = byId("audit-status");
    const older = byId<HTMLButtonElement>("audit-older");
    const filter = byId<HTMLSelectElement>("audit-organisation");
    const everywhere = mayEver(me, "organisation.list");
    const own = ownOrganisationIds(me.grants);
    let next: string | undefined;
    let shown = 0;

    if (everywhere || own.length > 1) {
      const names = await loadNames(me, own);
      const ids = everywhere ? [...names.organisations.keys()] : own;
      filter.append(
        ...(everywhere ? [el("option", { value: "" }, "All of OneDoor")] : []),
        ...ids.map((id) => el("option", { value: id }, names.organisations.get(id) ?? id)),
      );
      byId("audit-filter").hidden = false;
    }

    async function load(more: boolean): Promise<boolean> {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      const organisationId = everywhere || own.length > 1 ? filter.value : own[0];
      if (organisationId) query.set("organisationId", organisationId);
      if (more && next) query.set("before", next);
      const result = await getStaff<{ entries: AuditEntry[]; next?: string }>(`/api/staff/audit?${query}`);
      if (!result.ok) {
        showLoadError(result.status, result.error);
        return false;
      }
      if (!more) {
        rows.replaceChildren();
        shown = 0;
      }
      rows.append(...result.data.entries.map(row));
      shown += result.data.entries.length;
      next = result.data.next;
      older.hidden = !next;
      status.textContent = shown === 0 ? "No entries yet." : `Showing the newest ${shown} ${shown === 1 ? "entry" : "entries"}${next ? "." : ": that is all of them."}`;
      return true;
    }

    if (!(await load(false))) return;
    filter.addEventListener("change", () => void load(false));
    older.addEventListener("click", async () => {
      await load(true);
      // The button goes once there is nothing older: focus moves to the line that says so.
      if (older.hidden) {
        status.setAttribute("tabindex", "-1");
        status.focus();
      }
    });
    showContent();
  });
}
