import { randomUUID } from "node:crypto";
import type { DirectoryRepository } from "../db/directory";
import type { ApprovedReport, GroupRepository, StoredGroupReport } from "../db/groups";
import type { StaffRepository } from "../db/staff";
import type { VoiceRepository } from "../db/voice";
import type { AuditAction, Source } from "../domain/audit";
import { authorize, notFound, readingScope, scopesFor } from "../domain/authorize";
import { DEFAULT_THEMES, reportTexts, themeCode, type GroupInput, type GroupReportInput, type ReportDecision } from "../domain/groups";
import { decide, type Actor } from "../domain/policy";
import { applyRedactions, loadProposals } from "../domain/redaction";
import { spansOf, withWords } from "../domain/redaction-labels";
import { retentionEnds } from "../domain/retention";
import type { StaffActing } from "../domain/staff";
import { AppError } from "../errors";
import type { FieldCipher } from "../security/field-encryption";
import { openFields, sealFields } from "../security/sealed-fields";

type Deps = {
  groups: GroupRepository;
  voice: VoiceRepository;
  directory: DirectoryRepository;
  staff: StaffRepository;
  cipher: FieldCipher;
  now: () => number;
  /** Months a report (its texts included) is kept: the deployment's retention period. */
  retentionMonths: number;
  record: (action: AuditAction, source: Source, details: { actorId: string; record: string; organisationId?: string }) => Promise<void>;
};

const record = (id: string) => `group-report:${id}`;
const invalid = (field: string, message: string) => new AppError("request.invalid", 400, message, [{ field, message }]);

/**
 * J5: admins set up contributors' groups; a facilitator records each session of their own groups
 * as a draft, then sends it to the moderation queue feedback uses. Once a moderator approves a
 * redacted copy, it is filed for each organisation and the area's commissioners it is addressed to.
 */
export function groupsFeature({ groups, voice, directory, staff, cipher, now, retentionMonths, record: audit }: Deps) {
  const iso = () => new Date(now()).toISOString();

  async function allThemes(): Promise<Record<string, string>> {
    return { ...DEFAULT_THEMES, ...Object.fromEntries((await groups.addedThemes()).map((t) => [t.code, t.label])) };
  }

  async function groupFor(actor: Actor, groupId: string, action: "group_report.write" | "group_report.read") {
    authorize(actor, action, { groupId });
    const group = await groups.getGroup(groupId);
    if (!group) throw notFound();
    return group;
  }

  /** The report's texts, decrypted: what its facilitator and moderators read (and why it was sent back). */
  async function textsOf(report: StoredGroupReport): Promise<Pick<GroupReportInput, "summary" | "recommendations" | "quotes"> & { rejectReason?: string }> {
    const opened = await openFields(cipher, record(report.id), report.sealed);
    return {
      rejectReason: opened.rejectReason,
      summary: opened.summary ?? "",
      recommendations: opened.recommendations ?? "",
      quotes: Array.from({ length: report.quoteCount }, (_, i) => ({ text: opened[`quote.${i}`] ?? "", consent: true as const })),
    };
  }

  /** Checks what a report points at: themes OneDoor knows, services and organisations that exist. */
  async function checkReport(input: GroupReportInput) {
    const themes = await allThemes();
    const unknown = input.themes.filter((t) => !(t in themes));
    if (unknown.length) throw invalid("themes", "Choose themes from the list.");
    if (input.date > iso().slice(0, 10)) throw invalid("date", "The session date cannot be in the future.");
    const services = await directory.getServices(input.addressedTo.serviceIds);
    if (services.size !== new Set(input.addressedTo.serviceIds).size) throw invalid("addressedTo.serviceIds", "Choose services that are in OneDoor.");
    const organisations = await directory.getOrganisations(input.addressedTo.organisationIds);
    if (organisations.size !== new Set(input.addressedTo.organisationIds).size) throw invalid("addressedTo.organisationIds", "Choose organisations that are in OneDoor.");
    return services;
  }

  async function reportInQueue(actor: Actor, groupId: string, id: string) {
    authorize(actor, "feedback.moderate");
    const report = await groups.getReport(groupId, id);
    if (!report || report.state === "draft") throw notFound();
    return report;
  }

  const changedMeanwhile = () => new AppError("group_report.changed", 409, "Someone else changed this report just now. Open it again, then try again.");

  return {
    /** Groups an admin runs, or a facilitator's own. */
    async listGroups(actor: Actor) {
      if (decide(actor, "group.list") === "forbidden") authorize(actor, "group.list");
      return (await groups.listGroups()).filter((g) => decide(actor, "group.list", { groupId: g.id }) === "allow");
    },

    async createGroup({ actor, source }: StaffActing, input: GroupInput) {
      authorize(actor, "group.create");
      if (!(await directory.getOrganisation(input.organisationId))) throw invalid("organisationId", "Choose an organisation that is in OneDoor.");
      const at = iso();
      const group = { ...input, id: randomUUID(), createdAt: at, updatedAt: at };
      await groups.saveGroup(group);
      await audit("group.created", source, { actorId: actor.accountId, record: `group:${group.id}`, organisationId: group.organisationId });
      return group;
    },

    /** The shared themes and those admins added, for every signed-in role that records or reads reports. */
    themes: allThemes,

    async addTheme({ actor, source }: StaffActing, label: string) {
      authorize(actor, "theme.create");
      const code = themeCode(label);
      if (!code) throw invalid("label", "Use letters or numbers in the theme.");
      if (code in DEFAULT_THEMES || !(await groups.addTheme(code, label))) throw invalid("label", "There is already a theme like this.");
      await audit("theme.created", source, { actorId: actor.accountId, record: `theme:${code}` });
      return { code, label };
    },

    /** A facilitator's reports for one of their groups, drafts included, with their texts. */
    async reportsOf(actor: Actor, groupId: string) {
      await groupFor(actor, groupId, "group_report.write");
      const reports = await groups.reportsOf(groupId);
      return Promise.all(
        reports.map(async ({ sealed, redactions: _r, ...r }) => {
          const { rejectReason, ...texts } = await textsOf({ ...r, sealed });
          return { ...r, ...texts, decided: r.decided && { ...r.decided, reason: rejectReason } };
        }),
      );
    },

    /**
     * Saves a draft: a new one, changes to one not yet sent, or a report a moderator sent back,
     * which becomes a draft again (same id; the old decision and its reason go). Texts are
     * encrypted; quotes need consent (the schema).
     */
    async saveDraft({ actor, account, source }: StaffActing, groupId: string, input: GroupReportInput, id?: string) {
      const group = await groupFor(actor, groupId, "group_report.write");
      await checkReport(input);
      const before = id ? await groups.getReport(groupId, id) : undefined;
      if (id && !before) throw notFound();
      if (before && before.state !== "draft" && before.state !== "rejected") throw new AppError("group_report.sent", 409, "This report has been sent to moderation, so it can no longer be changed.");
      const reportId = id ?? randomUUID();
      const at = iso();
      const { summary, recommendations, quotes, ...clear } = input;
      const after: StoredGroupReport = {
        ...clear,
        id: reportId,
        groupId,
        areaId: group.areaId,
        organisationId: group.organisationId,
        quoteCount: quotes.length,
        sealed: await sealFields(cipher, record(reportId), reportTexts({ summary, recommendations, quotes })),
        state: "draft",
        version: (before?.version ?? 0) + 1,
        createdBy: before?.createdBy ?? { accountId: account.id, name: account.name },
        createdAt: before?.createdAt ?? at,
        updatedAt: at,
        expiresAt: before?.expiresAt ?? retentionEnds(at, retentionMonths),
      };
      if (!(await groups.saveReport(after, before))) throw changedMeanwhile();
      await audit("group_report.saved", source, { actorId: actor.accountId, record: record(reportId), organisationId: group.organisationId });
      return { id: reportId, state: after.state };
    },

    /** Sends a draft to moderation. Nobody but moderators reads it until one approves it. */
    async send({ actor, source }: StaffActing, groupId: string, id: string) {
      const group = await groupFor(actor, groupId, "group_report.write");
      const before = await groups.getReport(groupId, id);
      if (!before) throw notFound();
      if (before.state !== "draft") throw new AppError("group_report.sent", 409, "This report has already been sent to moderation.");
      if (!before.sealed.summary) throw invalid("summary", "Write a summary of the session before you send it.");
      const at = iso();
      if (!(await groups.saveReport({ ...before, state: "pending", sentAt: at, updatedAt: at, version: before.version + 1 }, before))) throw changedMeanwhile();
      await audit("group_report.sent", source, { actorId: actor.accountId, record: record(id), organisationId: group.organisationId });
      return { id, state: "pending" as const };
    },

    /** Reports waiting for a moderator, for the queue beside feedback. No text in the list. */
    async queue(actor: Actor) {
      authorize(actor, "feedback.moderate");
      const reports = await groups.reportsInModeration();
      const named = new Map((await groups.listGroups()).map((g) => [g.id, g.name]));
      return reports.map((r) => ({ kind: "group-report" as const, id: r.id, groupId: r.groupId, groupName: named.get(r.groupId) ?? "A group", receivedAt: r.sentAt ?? r.createdAt }));
    },

    /** Opens a report for a moderator (audited): each text with the redactions OneDoor proposes. */
    async open({ actor, source }: StaffActing, groupId: string, id: string) {
      const report = await reportInQueue(actor, groupId, id);
      const { rejectReason: _r, ...opened } = await textsOf(report);
      const texts = reportTexts(opened);
      const accounts = await staff.listAccounts();
      const staffNames = accounts.filter((a) => a.grants.some((g) => g.groupId === groupId || g.organisationId === report.organisationId)).map((a) => a.name);
      const services = await directory.getServices(report.addressedTo.serviceIds);
      const serviceNames = [...services.values()].map((s) => s.name);
      await audit("group_report.opened", source, { actorId: actor.accountId, record: record(id), organisationId: report.organisationId });
      const { sealed: _s, redactions, ...clear } = report;
      const proposeRedactions = await loadProposals();
      return {
        ...clear,
        redactions: redactions && Object.fromEntries(Object.entries(redactions).map(([field, spans]) => [field, withWords(texts[field] ?? "", spans)])),
        texts,
        proposals: report.state === "pending" ? Object.fromEntries(Object.entries(texts).map(([field, text]) => [field, proposeRedactions(text, { staffNames, serviceNames })])) : {},
      };
    },

    /** Approves a redacted copy (filed for everyone it is addressed to), or sends it back with a reason. */
    async decide({ actor, account, source }: StaffActing, groupId: string, id: string, decision: ReportDecision) {
      const report = await reportInQueue(actor, groupId, id);
      if (report.state !== "pending") throw new AppError("group_report.decided", 409, "A moderator has already decided on this report. Go back to the list.");
      const at = iso();
      const decided = { by: { accountId: account.id, name: account.name }, at };
      if (decision.decision === "reject") {
        const sealed = { ...report.sealed, ...(await sealFields(cipher, record(id), { rejectReason: decision.reason })) };
        if (!(await groups.saveReport({ ...report, state: "rejected", decided, sealed, version: report.version + 1, updatedAt: at }, report))) throw changedMeanwhile();
        await audit("group_report.rejected", source, { actorId: actor.accountId, record: record(id), organisationId: report.organisationId });
        return { state: "rejected" as const };
      }
      const { rejectReason: _r, ...opened } = await textsOf(report);
      const texts = reportTexts(opened);
      const unknownField = Object.keys(decision.redactions).find((f) => !(f in texts));
      if (unknownField) throw invalid("redactions", "These redactions are for a part of the report that is not there. Open it again.");
      let redactedTexts: Record<string, string>;
      try {
        redactedTexts = Object.fromEntries(Object.entries(texts).map(([field, text]) => [field, applyRedactions(text, decision.redactions[field] ?? [])]));
      } catch {
        throw invalid("redactions", "These redactions do not fit the text. Open the report again and redo them.");
      }
      const redacted = {
        summary: redactedTexts.summary,
        recommendations: redactedTexts.recommendations,
        quotes: Array.from({ length: report.quoteCount }, (_, i) => redactedTexts[`quote.${i}`] ?? ""),
      };
      const services = await directory.getServices(report.addressedTo.serviceIds);
      const organisationIds = [...new Set([...report.addressedTo.organisationIds, ...[...services.values()].map((s) => s.organisationId)])];
      const copy: ApprovedReport = {
        id,
        groupId,
        areaId: report.areaId,
        date: report.date,
        participants: report.participants,
        themes: report.themes,
        addressedTo: report.addressedTo,
        mayShowPublicly: report.mayShowPublicly,
        redacted,
        approvedAt: at,
      };
      const redactions = Object.fromEntries(Object.entries(decision.redactions).map(([field, r]) => [field, spansOf(r)]));
      const after: StoredGroupReport = { ...report, state: "approved", redacted, redactions, decided, addressedOrganisationIds: organisationIds, version: report.version + 1, updatedAt: at };
      // A report the facilitator marked "may be shown publicly" joins each addressed service's page.
      const groupName = (await groups.getGroup(groupId))?.name ?? "A group";
      const also = report.mayShowPublicly ? report.addressedTo.serviceIds.map((s) => voice.put(s, { kind: "report", report: copy, groupName }, report.expiresAt)) : [];
      if (!(await groups.saveReport(after, report, { copy, organisationIds, toCommissioners: report.addressedTo.commissioners, also }))) throw changedMeanwhile();
      await audit("group_report.approved", source, { actorId: actor.accountId, record: record(id), organisationId: report.organisationId });
      return { state: "approved" as const };
    },

    /** Approved reports addressed to an organisation's staff or an area's commissioners. */
    async approved({ actor, source }: StaffActing, query: { organisationId?: string; areaId?: string; before?: string }) {
      const scope = readingScope(actor, "group_report.read", query);
      const page = await groups.approvedReports(scope, { limit: 50, before: query.before });
      const named = new Map((await groups.listGroups()).map((g) => [g.id, g.name]));
      await audit("group_report.read", source, { actorId: actor.accountId, record: "organisationId" in scope ? `organisation:${scope.organisationId}` : `area:${scope.areaId}`, organisationId: "organisationId" in scope ? scope.organisationId : undefined });
      return { scope, scopes: scopesFor(actor, "group_report.read"), reports: page.items.map(({ approvedAt: _a, ...r }) => ({ ...r, groupName: named.get(r.groupId) ?? "A group" })), before: page.before };
    },
  };
}

export type GroupsFeature = ReturnType<typeof groupsFeature>;
