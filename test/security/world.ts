/**
 * The attack suite's world: two tenants built the same way, each with one of everything an
 * endpoint's path can name, every role as a member and every token role and scope. The home
 * tenant is the one attacked from; the foreign tenant's names and ids must never come back.
 */
import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { createItem } from "@/lib/inventory/items";
import { claimItem } from "@/lib/claims/claims";
import { addAgendaEntry, createActionItem, createMeeting } from "@/lib/stewardship/meetings";
import { createDecision } from "@/lib/stewardship/decisions";
import { createSlot, signUp, upcomingSessions } from "@/lib/stewardship/office-hours";
import { createFreezeWindow } from "@/lib/cutover/freeze-windows";
import { scheduleSwitch } from "@/lib/cutover/scheduled";
import { previewUpload } from "@/lib/import/pipeline/preview-upload";
import { CHARTS } from "@/lib/progress/csv";
import { createPattern } from "@/lib/repositories/pattern-manage";
import { TOKEN_ROLES } from "@/lib/auth/permissions";
import { createSubmission } from "../helpers/agent-fixtures";

export type Principal =
  | { kind: "session"; role: Role; userId: string; label: string }
  | { kind: "token"; role: Role; scope: "API" | "ROUTING" | "EVIDENCE" | "AGENT"; secret: string; label: string };

export type Tenant = Awaited<ReturnType<typeof buildTenant>>;

const text = (s: string) => new TextEncoder().encode(s);

export async function buildTenant(db: Db, name: string) {
  const admin = await newAdmin(db, `${name} Admin`);
  const ctx = admin.ctx;
  const project = await newProject(db, ctx, { name: `${name} Project` });
  const members = {} as Record<Role, { id: string }>;
  members.ADMIN = admin.user;
  for (const role of ["MANAGER", "STEWARD", "ENGINEER", "VIEWER"] as const)
    members[role] = (await newMember(db, admin.organization.id, role, `${name} ${role.toLowerCase()}`)).user;

  const route = await createItem(db, ctx, project.id, "ROUTE", { method: "GET", path: `/${name.toLowerCase()}/orders`, trafficPerDay: 120 });
  const route2 = await createItem(db, ctx, project.id, "ROUTE", { method: "POST", path: `/${name.toLowerCase()}/orders`, trafficPerDay: 30 });
  const module = await createItem(db, ctx, project.id, "MODULE", { path: `${name.toLowerCase()}/billing` });
  const dependency = await createItem(db, ctx, project.id, "DEPENDENCY", { name: `${name.toLowerCase()}-lib` });
  await claimItem(db, ctx, project.id, route.id);
  const meeting = await createMeeting(db, ctx, project.id, { date: "2026-06-11" });
  const entry = await addAgendaEntry(db, ctx, project.id, meeting.id, { title: `${name} agenda`, detail: "" });
  const actionItem = await createActionItem(db, ctx, project.id, meeting.id, { text: `${name} action`, ownerId: admin.user.id });
  const accepted = await createDecision(db, ctx, project.id, { title: `${name} accepted`, context: "", decision: "Yes", consequences: "", status: "ACCEPTED" });
  const later = await createDecision(db, ctx, project.id, { title: `${name} later`, context: "", decision: "Yes again", consequences: "", status: "ACCEPTED" });
  const slot = await createSlot(db, ctx, project.id, {
    weekday: 3,
    startTime: "15:00",
    durationMinutes: 60,
    timeZone: "UTC",
    startsOn: "2026-06-01",
    capacity: 50,
    location: "Room",
    hosts: [admin.user.id],
  });
  const [session] = await upcomingSessions(db, ctx, project.id, { weeks: 2 });
  const signup = await signUp(db, ctx, project.id, slot.id, { sessionDate: session.date, topic: `${name} question` });
  const window = await createFreezeWindow(db, ctx, project.id, { reason: `${name} freeze`, startsAt: "2027-01-01T00:00:00Z", endsAt: "2027-01-02T00:00:00Z" });
  const planned = await scheduleSwitch(db, ctx, project.id, {
    itemId: route.id,
    target: { to: "legacy" },
    reason: `${name} planned`,
    at: "2027-02-01T09:00:00Z",
  });
  const pattern = await createPattern(db, ctx, project.id, { name: `${name} six`, slug: `${name.toLowerCase()}-six`, kind: "regex", source: "import six" });
  const preview = (await previewUpload(db, ctx, project.id, {
    format: "csv",
    kind: "MODULE",
    fileName: "m.csv",
    includeSkipped: false,
    source: { files: [{ name: "m.csv", bytes: text(`path\n${name.toLowerCase()}/imported\n`) }] },
  } as never)) as { id: string };

  const proposal = await db.codeProposal.create({
    data: {
      organizationId: admin.organization.id,
      projectId: project.id,
      kind: "ADDITION",
      method: "GET",
      path: `/${name.toLowerCase()}/legacy-only`,
      file: "app.py",
      line: 3,
      commit: "a".repeat(40),
      openKey: `ADDITION:GET /${name.toLowerCase()}/legacy-only`,
    },
  });

  // A linked repository and one finished scan (rows only: nothing is cloned in the attack suite).
  const repository = await db.repository.create({
    data: {
      organizationId: admin.organization.id,
      projectId: project.id,
      role: "LEGACY",
      url: `https://git.example.com/${name.toLowerCase()}/legacy.git`,
      createdById: admin.user.id,
    },
  });
  const scan = await db.repositoryScan.create({
    data: {
      organizationId: admin.organization.id,
      projectId: project.id,
      repositoryId: repository.id,
      trigger: "manual",
      status: "done",
      commit: "a".repeat(40),
      log: { mode: "full" },
    },
  });

  // The admin's coding agent ported a route of its own: the submission awaits a person.
  const agentRoute = await createItem(db, ctx, project.id, "ROUTE", { method: "GET", path: `/${name.toLowerCase()}/agent-ported` });
  const submission = await createSubmission(
    db,
    { organizationId: admin.organization.id, projectId: project.id, itemId: agentRoute.id, holderId: admin.user.id },
    { notes: `${name} agent notes` },
  );

  const principals: Principal[] = [];
  for (const role of ["ADMIN", "MANAGER", "STEWARD", "ENGINEER", "VIEWER"] as const)
    principals.push({ kind: "session", role, userId: members[role].id, label: `session ${role}` });
  for (const role of TOKEN_ROLES) {
    const { secret } = await createApiToken(db, ctx, { projectId: project.id, name: `${role} token`, role });
    principals.push({ kind: "token", role, scope: "API", secret, label: `token ${role}` });
  }
  for (const scope of ["ROUTING", "EVIDENCE"] as const) {
    const { secret } = await createApiToken(db, ctx, { projectId: project.id, name: `${scope} token`, role: "VIEWER", scope });
    principals.push({ kind: "token", role: "VIEWER", scope, secret, label: `token ${scope}` });
  }
  // A coding agent's token (issue 23) works over MCP only: every /api/v1 endpoint refuses it.
  const agent = await createApiToken(db, ctx, { projectId: project.id, name: "AGENT token", scope: "AGENT", ownerId: members.ENGINEER.id });
  principals.push({ kind: "token", role: "ENGINEER", scope: "AGENT", secret: agent.secret, label: "token AGENT" });

  /** Values for every path parameter of the API. */
  const params: Record<string, string> = {
    projectId: project.id,
    itemId: route.id,
    importId: preview.id,
    meetingId: meeting.id,
    entryId: entry.id,
    actionItemId: actionItem.id,
    decisionId: accepted.id,
    slotId: slot.id,
    date: session.date,
    signupId: signup.id,
    windowId: window.id,
    scheduledId: planned.id,
    chart: CHARTS[0],
    patternId: pattern.id,
    repoId: repository.id,
    scanId: scan.id,
    submissionId: submission.id,
  };
  const secrets = [
    admin.organization.name,
    admin.organization.slug,
    project.name,
    project.slug,
    project.id,
    route.id,
    module.id,
    dependency.id,
    meeting.id,
    entry.id,
    actionItem.id,
    accepted.id,
    later.id,
    slot.id,
    signup.id,
    window.id,
    planned.id,
    preview.id,
    proposal.id,
    `/${name.toLowerCase()}/legacy-only`,
    pattern.id,
    `${name} six`,
    repository.id,
    scan.id,
    `${name.toLowerCase()}/legacy.git`,
    `${name} agenda`,
    `${name} action`,
    `${name} question`,
    `${name} freeze`,
    `${name} planned`,
    `/${name.toLowerCase()}/orders`,
    submission.id,
    agentRoute.id,
    `${name} agent notes`,
  ];
  return {
    name,
    admin,
    ctx,
    project,
    members,
    route,
    route2,
    module,
    dependency,
    meeting,
    entry,
    actionItem,
    accepted,
    later,
    slot,
    session,
    signup,
    window,
    preview,
    proposal,
    repository,
    scan,
    agentRoute,
    submission,
    principals,
    params,
    secrets,
  };
}
