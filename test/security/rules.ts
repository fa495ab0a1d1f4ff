/**
 * What the attack suite expects of each documented endpoint: the permission that governs it (for
 * a resource held by someone else: the fixtures' claims, slots, sign-ups and action items are the
 * admin's), and a valid body built from the home tenant's fixtures, so that a refusal can only
 * come from the rule under test. An endpoint added to lib/api/endpoints.ts without a row here
 * fails the suite until it is classified.
 */
import type { Action } from "@/lib/auth/permissions";
import type { Endpoint } from "@/lib/api/endpoints";
import { KIND_SEGMENTS } from "@/lib/inventory/labels";
import type { Tenant } from "./world";

const SEGMENTS = Object.values(KIND_SEGMENTS) as string[];

/** The endpoint's key with the inventory's kind segment generalised: "post /api/v1/projects/{projectId}/{kind}". */
export function keyOf(e: Endpoint): string {
  const parts = e.path.split("/").map((s, i) => (i === 5 && SEGMENTS.includes(s) ? "{kind}" : s));
  return `${e.method} ${parts.join("/")}`;
}

const P = "/api/v1/projects/{projectId}";
const RULES: Record<string, Action> = {
  "post /api/v1/projects": "project:create",
  [`patch ${P}`]: "project:edit",
  [`post ${P}/{kind}`]: "inventory:edit",
  [`patch ${P}/{kind}/{itemId}`]: "inventory:edit",
  [`delete ${P}/{kind}/{itemId}`]: "inventory:edit",
  [`patch ${P}/{kind}/bulk`]: "inventory:edit",
  [`post ${P}/imports`]: "inventory:import",
  [`post ${P}/imports/{importId}/commit`]: "inventory:import",
  [`post ${P}/imports/{importId}/routes`]: "inventory:import",
  [`delete ${P}/imports/{importId}`]: "inventory:import",
  [`post ${P}/items/{itemId}/claim`]: "claims:claim",
  [`delete ${P}/items/{itemId}/claim`]: "claims:reassign",
  [`post ${P}/items/{itemId}/claim/handover`]: "claims:reassign",
  [`post ${P}/meetings`]: "stewardship:run",
  [`patch ${P}/meetings/{meetingId}`]: "stewardship:run",
  [`post ${P}/meetings/{meetingId}/agenda`]: "stewardship:run",
  [`put ${P}/meetings/{meetingId}/agenda`]: "stewardship:run",
  [`delete ${P}/meetings/{meetingId}/agenda/{entryId}`]: "stewardship:run",
  [`post ${P}/meetings/{meetingId}/action-items`]: "stewardship:run",
  [`patch ${P}/action-items/{actionItemId}`]: "stewardship:run",
  [`post ${P}/decisions`]: "stewardship:run",
  [`patch ${P}/decisions/{decisionId}`]: "stewardship:run",
  [`post ${P}/decisions/{decisionId}/superseded-by`]: "stewardship:run",
  [`post ${P}/office-hours`]: "stewardship:run",
  [`patch ${P}/office-hours/{slotId}`]: "stewardship:run",
  [`delete ${P}/office-hours/{slotId}`]: "stewardship:run",
  [`post ${P}/office-hours/{slotId}/sessions/{date}/cancel`]: "stewardship:run",
  [`post ${P}/office-hours/{slotId}/sessions/{date}/move`]: "stewardship:run",
  [`post ${P}/office-hours/{slotId}/sessions/{date}/signups`]: "stewardship:take-part",
  [`patch ${P}/office-hours/signups/{signupId}`]: "stewardship:run",
  [`delete ${P}/office-hours/signups/{signupId}`]: "stewardship:run",
  [`post ${P}/calendar-token`]: "stewardship:run",
  [`patch ${P}/cutover/settings`]: "cutover:configure",
  [`post ${P}/items/{itemId}/switch`]: "cutover:switch",
  [`post ${P}/cutover/switch`]: "cutover:switch",
  [`post ${P}/cutover/kill-switch`]: "cutover:switch",
  [`post ${P}/cutover/scheduled`]: "cutover:switch",
  [`delete ${P}/cutover/scheduled/{scheduledId}`]: "cutover:switch",
  [`post ${P}/freeze-windows`]: "cutover:configure",
  [`delete ${P}/freeze-windows/{windowId}`]: "cutover:configure",
  [`post ${P}/evidence`]: "evidence:post",
  [`post ${P}/evidence/batch`]: "evidence:post",
  [`put ${P}/gates`]: "evidence:gates",
  [`post ${P}/code/proposals/decide`]: "code:review",
  [`put ${P}/code/settings`]: "code:review",
  [`post ${P}/patterns`]: "patterns:manage",
  [`patch ${P}/patterns/{patternId}`]: "patterns:manage",
  [`delete ${P}/patterns/{patternId}`]: "patterns:manage",
  [`post ${P}/repositories`]: "repositories:manage",
  [`patch ${P}/repositories/{repoId}`]: "repositories:manage",
  [`delete ${P}/repositories/{repoId}`]: "repositories:manage",
  [`post ${P}/repositories/{repoId}/webhook-secret`]: "repositories:manage",
  [`post ${P}/repositories/{repoId}/scan`]: "repositories:scan",
  [`post ${P}/review/{submissionId}/confirm`]: "agents:review",
  [`post ${P}/review/{submissionId}/send-back`]: "agents:review",
  [`put ${P}/guide`]: "guide:edit",
};

/** Endpoints a project token may never call, whatever its role (they act outside one project). */
const SESSION_ONLY = new Set([
  "post /api/v1/projects",
  // A person confirms an agent's work (issue 23): a token is no one.
  `post ${P}/review/{submissionId}/confirm`,
  `post ${P}/review/{submissionId}/send-back`,
]);

export function ruleOf(e: Endpoint): { action: Action; sessionOnly: boolean } {
  const key = keyOf(e);
  const action = RULES[key] ?? (e.method === "get" ? "project:view" : undefined);
  if (!action) throw new Error(`${key} has no permission rule in test/security/rules.ts: classify it.`);
  return { action, sessionOnly: SESSION_ONLY.has(key) };
}

/** The id of the fixture an `{itemId}` names on this endpoint (a route unless the path is a module's or dependency's). */
export function itemFor(e: Endpoint, t: Tenant): string {
  const seg = e.path.split("/")[5];
  if (seg === KIND_SEGMENTS.MODULE) return t.module.id;
  if (seg === KIND_SEGMENTS.DEPENDENCY) return t.dependency.id;
  return t.route.id;
}

let serial = 0;

/** A valid body for the endpoint, from the tenant's fixtures (undefined: the endpoint takes none). */
export function sampleBody(e: Endpoint, t: Tenant): Record<string, unknown> | undefined {
  if (!e.body) return undefined;
  const n = ++serial;
  const key = keyOf(e);
  const seg = e.path.split("/")[5];
  switch (key) {
    case "post /api/v1/projects":
      return { organization: t.admin.organization.slug, name: `Attack ${n}`, fromStack: "PHP", toStack: "Python", description: "" };
    case `patch ${P}`:
      return { description: `changed ${n}` };
    case `post ${P}/{kind}`:
      if (seg === KIND_SEGMENTS.ROUTE) return { method: "GET", path: `/attack/${n}` };
      if (seg === KIND_SEGMENTS.MODULE) return { path: `attack/m${n}` };
      return { name: `attack-dep-${n}` };
    case `patch ${P}/{kind}/{itemId}`:
      return { notes: `note ${n}` };
    case `patch ${P}/{kind}/bulk`:
      return { ids: [itemFor(e, t)], set: { status: "IN_PROGRESS" } };
    case `post ${P}/imports/{importId}/routes`:
      return { routes: [{ method: "GET", path: "/unmatched/1", pattern: "/unmatched/{id}" }] };
    case `post ${P}/items/{itemId}/claim`:
      return {};
    case `post ${P}/items/{itemId}/claim/handover`:
      return { holderId: t.members.ENGINEER.id };
    case `post ${P}/meetings`:
      return { date: `2026-07-${String((n % 28) + 1).padStart(2, "0")}`, title: `Meeting ${n}` };
    case `patch ${P}/meetings/{meetingId}`:
      return { notes: `notes ${n}`, attendeeIds: [t.admin.user.id] };
    case `post ${P}/meetings/{meetingId}/agenda`:
      return { title: `Entry ${n}`, detail: "detail", itemIds: [t.route.id] };
    case `put ${P}/meetings/{meetingId}/agenda`:
      return { entryIds: [t.entry.id] };
    case `post ${P}/meetings/{meetingId}/action-items`:
      return { text: `Action ${n}`, ownerId: t.admin.user.id, itemIds: [t.route.id] };
    case `patch ${P}/action-items/{actionItemId}`:
      return { done: true };
    case `post ${P}/decisions`:
      return {
        title: `Decision ${n}`,
        context: "context",
        decision: "decision",
        consequences: "consequences",
        peopleIds: [t.admin.user.id],
        itemIds: [t.route.id],
      };
    case `patch ${P}/decisions/{decisionId}`:
      return { title: `Decision title ${n}` };
    case `post ${P}/decisions/{decisionId}/superseded-by`:
      return { supersededById: t.later.id };
    case `post ${P}/office-hours`:
      return {
        weekday: n % 7,
        startTime: "07:00",
        durationMinutes: 15,
        timeZone: "UTC",
        startsOn: "2026-06-01",
        capacity: 5,
        location: `Room ${n}`,
        hosts: [t.admin.user.id],
      };
    case `patch ${P}/office-hours/{slotId}`:
      return { location: `Room ${n}` };
    case `post ${P}/office-hours/{slotId}/sessions/{date}/move`:
      return { to: `${t.session.date}T16:00:00Z` };
    case `post ${P}/office-hours/{slotId}/sessions/{date}/signups`:
      return { topic: `Topic ${n}`, itemId: t.route.id };
    case `patch ${P}/office-hours/signups/{signupId}`:
      return { hostNotes: `host notes ${n}` };
    case `patch ${P}/cutover/settings`:
      return { legacyUpstream: "http://legacy.internal:8080", stickinessBy: "address" };
    case `post ${P}/items/{itemId}/switch`:
      return { target: { to: "legacy" }, reason: `switch ${n}` };
    case `post ${P}/cutover/switch`:
      return { itemIds: [t.route.id, t.route2.id], target: { to: "legacy" }, reason: `bulk ${n}` };
    case `post ${P}/cutover/kill-switch`:
      return { scope: { kind: "route", itemId: t.route.id }, reason: `kill ${n}` };
    case `post ${P}/cutover/scheduled`:
      return { itemId: t.route.id, target: { to: "legacy" }, reason: `planned ${n}`, at: "2027-02-01T09:00:00Z" };
    case `post ${P}/evidence`:
      return { name: `ci ${n}`, kind: "tests", conclusion: "success", items: [{ id: t.route.id }] };
    case `post ${P}/evidence/batch`:
      return { records: [{ name: `smoke ${n}`, kind: "smoke", profile: "anonymous", conclusion: "success", items: [{ key: t.route.key }] }] };
    case `put ${P}/gates`:
      return { verified: [], switchToNew: [] };
    case `post ${P}/code/proposals/decide`:
      return { ids: [t.proposal.id], decision: "reject" };
    case `put ${P}/code/settings`:
      return { prefixMap: [{ legacy: "/", new: `/app${n}/` }], manualLinks: [{ legacy: "GET /profile", new: "GET /app/account" }], driftDays: 7 };
    case `post ${P}/patterns`:
      return { name: `Pattern ${n}`, slug: `attack-${n}`, kind: "regex", source: String.raw`\bunicode\(`, languages: ["python"], target: 0 };
    case `patch ${P}/patterns/{patternId}`:
      return { name: `Pattern name ${n}` };
    case `post ${P}/repositories`:
      // Refused by the server's policy (no WAYPOINT_REPOSITORY_ROOT here): a 400 after the permission check, never a clone.
      return { role: "NEW", url: `file:///srv/git/attack-${n}.git`, branch: "main", folders: [{ path: "app", frameworks: ["flask"] }] };
    case `patch ${P}/repositories/{repoId}`:
      return { branch: `release-${n}`, folders: [{ path: `app${n}` }] };
    case `post ${P}/repositories/{repoId}/scan`:
      return { full: n % 2 === 0 };
    case `post ${P}/review/{submissionId}/send-back`:
      return { note: `send back ${n}` };
    case `put ${P}/guide`:
      return { body: `# Porting guide ${n}\n\nUse the shared helpers.` };
    case `post ${P}/freeze-windows`:
      return { reason: `freeze ${n}`, startsAt: "2027-03-01T00:00:00Z", endsAt: "2027-03-02T00:00:00Z" };
  }
  throw new Error(`${key} takes a body but has no sample in test/security/rules.ts: add one.`);
}
