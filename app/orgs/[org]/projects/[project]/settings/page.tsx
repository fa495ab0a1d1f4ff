import { timeZoneNames } from "../stewardship/office-hours/format";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { ProjectForm } from "@/components/projects/project-form";
import { ConfirmForm } from "@/components/forms/confirm-form";
import { archiveProjectAction, updateProjectAction } from "../../actions";
import {
  rotateCalendarTokenAction,
  updateAgentSettingsAction,
  updateClaimSettingsAction,
  updateMeetingSettingsAction,
  updateProgressSettingsAction,
} from "./actions";
import { ProgressSettingsForm } from "@/components/progress/progress-settings-form";
import { ClaimSettingsForm } from "@/components/claims/claim-settings-form";
import { AgentSettingsForm } from "@/components/agents/agent-settings-form";
import Link from "next/link";
import { CalendarFeedForm, MeetingSettingsForm } from "@/components/stewardship/meeting-settings-forms";
import { describeSlot } from "@/lib/stewardship/office-hours";
import { getProjectSettings } from "@/lib/projects/project-settings";
import { projectPath } from "@/lib/projects/paths";
import { dateColumnDay } from "@/lib/time/days";

export const metadata = { title: "Project settings" };
const day = (d: Date | null) => (d ? dateColumnDay(d) : "");

export default async function ProjectSettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const { org, project: slug } = await params;
  const { saved } = await searchParams;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const notifications = can(ctx.role, "notifications:manage") ? (
    <p className="card text-sm">
      <Link href={`${base}/settings/notifications`}>Slack and webhooks →</Link> where this project&apos;s events are sent, with the delivery log.
    </p>
  ) : null;
  const tune = can(ctx.role, "ranking:tune") ? (
    <p className="card text-sm">
      <Link href={`${base}/settings/ranking`}>Ranking weights →</Link> how the next targets are ordered, with a live preview.
    </p>
  ) : null;
  const gates = can(ctx.role, "evidence:gates") ? (
    <p className="card text-sm">
      <Link href={`${base}/settings/gates`}>Evidence gates →</Link> what an item needs before it is marked Verified or switched to new.
    </p>
  ) : null;
  const repositories =
    can(ctx.role, "repositories:manage") || can(ctx.role, "repositories:scan") ? (
      <p className="card text-sm">
        <Link href={`${base}/settings/repositories`}>Repositories →</Link> the legacy and new code, scanned on every push: routes found, scans and their logs.
      </p>
    ) : null;
  const code = can(ctx.role, "code:review") ? (
    <p className="card text-sm">
      <Link href={`${base}/settings/code`}>Code →</Link> how the scanned repositories are read: prefix map, renamed routes, CODEOWNERS teams, automatic
      decisions.
    </p>
  ) : null;
  const patterns = can(ctx.role, "patterns:manage") ? (
    <p className="card text-sm">
      <Link href={`${base}/settings/patterns`}>Patterns →</Link> what must disappear from the code (<code>import six</code>, <code>print</code> statements),
      counted by every scan.
    </p>
  ) : null;
  const guide = can(ctx.role, "guide:edit") ? (
    <p className="card text-sm">
      <Link href={`${base}/settings/guide`}>Porting guide →</Link> the conventions and patterns every item&apos;s porting brief carries, for people and coding
      agents.
    </p>
  ) : null;
  const edit = can(ctx.role, "project:edit");
  const steward = can(ctx.role, "stewardship:run");
  const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug };
  const settings = await getProjectSettings(db, ctx, project.id);
  const meeting = steward || edit ? settings : null;
  const meetings = meeting ? (
    <section className="card" aria-labelledby="meetings-heading">
      <h2 id="meetings-heading" className="mb-1 text-lg font-semibold">
        Meetings and calendar
      </h2>
      {edit ? (
        <>
          <p className="mb-4 text-sm text-slate-600">The weekly stewardship meeting: new meetings are planned on this day and time.</p>
          <MeetingSettingsForm
            action={updateMeetingSettingsAction}
            hidden={hidden}
            timeZone={meeting.timeZone}
            values={{ meetingWeekday: String(meeting.meetingWeekday), meetingTime: meeting.meetingTime, meetingMinutes: String(meeting.meetingMinutes) }}
          />
        </>
      ) : (
        <p className="text-sm text-slate-600">
          The stewardship meeting is on{" "}
          {describeSlot({
            weekday: meeting.meetingWeekday,
            startTime: meeting.meetingTime,
            durationMinutes: meeting.meetingMinutes,
            timeZone: meeting.timeZone,
          })}
          . Managers and admins change it.
        </p>
      )}
      {steward ? (
        <div className={edit ? "mt-6 border-t border-slate-100 pt-5" : "mt-5"}>
          <h3 id="calendar-heading" className="font-semibold">
            Calendar feed
          </h3>
          <p className="mb-3 mt-1 text-sm text-slate-600">
            A private link calendar programs subscribe to: the project&apos;s office-hour sessions and stewardship meetings.{" "}
            {meeting.hasCalendarLink ? "A link exists; rotating it makes a new one and stops the old one." : "No link has been made yet."}
          </p>
          <CalendarFeedForm action={rotateCalendarTokenAction} hidden={hidden} hasLink={meeting.hasCalendarLink} />
        </div>
      ) : null}
    </section>
  ) : null;
  if (!edit) {
    return (
      <div className="grid max-w-2xl gap-6">
        <p className="card">Only managers and admins can change a project&apos;s settings.</p>
        {tune}
        {gates}
        {repositories}
        {code}
        {patterns}
        {guide}
        {meetings}
      </div>
    );
  }
  const claims = settings;
  const archived = project.archivedAt !== null;
  return (
    <div className="grid max-w-2xl gap-6">
      {saved ? (
        <div role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          Settings saved.
        </div>
      ) : null}
      <section className="card" aria-labelledby="details-heading">
        <h2 id="details-heading" className="mb-4 text-lg font-semibold">
          Details
        </h2>
        <ProjectForm
          action={updateProjectAction}
          org={ctx.organizationSlug}
          submitLabel="Save changes"
          values={{
            projectId: project.id,
            name: project.name,
            slug: project.slug,
            fromStack: project.fromStack,
            toStack: project.toStack,
            description: project.description,
            startDate: day(project.startDate),
            targetDate: day(project.targetDate),
          }}
        />
      </section>
      <section className="card" aria-labelledby="claims-heading">
        <h2 id="claims-heading" className="mb-4 text-lg font-semibold">
          Claims
        </h2>
        <ClaimSettingsForm
          action={updateClaimSettingsAction}
          hidden={{ org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug }}
          values={{ claimLimit: String(claims.claimLimit), claimDays: String(claims.claimDays), staleAfterDays: String(claims.staleAfterDays) }}
        />
      </section>
      <section className="card" aria-labelledby="agents-heading">
        <h2 id="agents-heading" className="mb-4 text-lg font-semibold">
          Coding agents
        </h2>
        <AgentSettingsForm
          action={updateAgentSettingsAction}
          hidden={{ org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug }}
          values={{
            agentLimitPerToken: String(claims.agentLimitPerToken),
            agentLimitTotal: String(claims.agentLimitTotal),
            briefQueryValues: claims.briefQueryValues,
          }}
        />
      </section>
      <section className="card" aria-labelledby="progress-heading">
        <h2 id="progress-heading" className="mb-4 text-lg font-semibold">
          Progress
        </h2>
        <ProgressSettingsForm
          action={updateProgressSettingsAction}
          hidden={{ org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug }}
          values={{ timeZone: claims.timeZone, forecastWeeks: String(claims.forecastWeeks) }}
          timeZones={timeZoneNames()}
        />
      </section>
      {meetings}
      {tune}
      {gates}
      {repositories}
      {code}
      {patterns}
      {guide}
      {notifications}
      <section className="card" aria-labelledby="archive-heading">
        <h2 id="archive-heading" className="text-lg font-semibold">
          {archived ? "Restore project" : "Archive project"}
        </h2>
        <p className="mb-4 mt-1 text-sm text-slate-600">
          {archived
            ? "Bring the project back to the list of active projects."
            : "An archived project leaves the project list but keeps all its data; it can be restored."}
        </p>
        <ConfirmForm
          action={archiveProjectAction}
          hidden={{ org: ctx.organizationSlug, projectId: project.id, archived: archived ? "false" : "true" }}
          label={archived ? "Restore project" : "Archive project"}
          title={archived ? `Restore ${project.name}?` : `Archive ${project.name}?`}
          body={archived ? "It will show in the project list again." : "It will leave the project list. Nothing is deleted."}
          confirmLabel={archived ? "Restore" : "Archive"}
          danger={!archived}
        />
      </section>
    </div>
  );
}
