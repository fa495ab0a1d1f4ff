import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import type { AppError } from "@/lib/errors";
import { getProjectSettings, updateMeetingSettings } from "@/lib/projects/project-settings";
import { rotateCalendarToken } from "@/lib/stewardship/calendar";

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  return { db, ...admin, pid: project.id };
}

const meetingOf = async (db: Awaited<ReturnType<typeof testDb>>, id: string) => {
  const p = await db.project.findUniqueOrThrow({ where: { id }, select: { meetingWeekday: true, meetingTime: true, meetingMinutes: true } });
  return [p.meetingWeekday, p.meetingTime, p.meetingMinutes];
};

describe("meeting settings", () => {
  test("saves weekday, time and length from form strings, audited", async () => {
    const { db, ctx, pid } = await setup();
    expect(await meetingOf(db, pid)).toEqual([1, "10:00", 30]);
    const saved = await updateMeetingSettings(db, ctx, pid, { meetingWeekday: "3", meetingTime: "14:30", meetingMinutes: "45" });
    expect(saved).toEqual({ meetingWeekday: 3, meetingTime: "14:30", meetingMinutes: 45 });
    expect(await meetingOf(db, pid)).toEqual([3, "14:30", 45]);
    // Sunday is 6 (0 = Monday), and numbers work as well as strings.
    await updateMeetingSettings(db, ctx, pid, { meetingWeekday: 6, meetingTime: "09:05", meetingMinutes: 15 });
    expect(await meetingOf(db, pid)).toEqual([6, "09:05", 15]);
    const audit = await db.auditEvent.findMany({ where: { targetId: pid, action: "project.meeting_settings" }, orderBy: { at: "asc" } });
    expect(audit).toHaveLength(2);
    expect(audit[0].data).toEqual({ meetingWeekday: 3, meetingTime: "14:30", meetingMinutes: 45 });
  });

  test("is validated field by field and changes nothing when refused", async () => {
    const { db, ctx, pid } = await setup();
    const bad = (await updateMeetingSettings(db, ctx, pid, { meetingWeekday: "7", meetingTime: "25:00", meetingMinutes: "10" }).catch((e) => e)) as AppError;
    expect(bad.code).toBe("invalid_input");
    expect(Object.keys(bad.details?.fields ?? {}).sort()).toEqual(["meetingMinutes", "meetingTime", "meetingWeekday"]);
    expect(bad.details?.fields?.meetingWeekday).toEqual(["Choose a day of the week."]);
    expect(bad.details?.fields?.meetingTime).toEqual(["Use a 24-hour time such as 09:30."]);
    expect(bad.details?.fields?.meetingMinutes).toEqual(["Between 15 and 240 minutes."]);

    const cases: [Record<string, unknown>, string][] = [
      [{ meetingWeekday: "-1", meetingTime: "10:00", meetingMinutes: "30" }, "meetingWeekday"],
      [{ meetingWeekday: "1.5", meetingTime: "10:00", meetingMinutes: "30" }, "meetingWeekday"],
      [{ meetingWeekday: "", meetingTime: "10:00", meetingMinutes: "30" }, "meetingWeekday"],
      [{ meetingWeekday: "1", meetingTime: "9:30", meetingMinutes: "30" }, "meetingTime"],
      [{ meetingWeekday: "1", meetingTime: "", meetingMinutes: "30" }, "meetingTime"],
      [{ meetingWeekday: "1", meetingTime: "10:00", meetingMinutes: "241" }, "meetingMinutes"],
      [{ meetingWeekday: "1", meetingTime: "10:00", meetingMinutes: "soon" }, "meetingMinutes"],
      [{ meetingWeekday: "1", meetingTime: "10:00" }, "meetingMinutes"],
    ];
    for (const [input, field] of cases) {
      const error = (await updateMeetingSettings(db, ctx, pid, input).catch((e) => e)) as AppError;
      expect(error.code, JSON.stringify(input)).toBe("invalid_input");
      expect(Object.keys(error.details?.fields ?? {}), JSON.stringify(input)).toEqual([field]);
    }
    // Unknown fields are refused (strict schema): a form cannot slip in another setting.
    const extra = (await updateMeetingSettings(db, ctx, pid, { meetingWeekday: 1, meetingTime: "10:00", meetingMinutes: 30, claimLimit: 50 }).catch(
      (e) => e,
    )) as AppError;
    expect(extra.code).toBe("invalid_input");
    expect(await meetingOf(db, pid)).toEqual([1, "10:00", 30]);
    expect(await db.auditEvent.count({ where: { targetId: pid, action: "project.meeting_settings" } })).toBe(0);
  });

  test("only managers and admins may change them", async () => {
    const { db, ctx, pid, organization } = await setup();
    const valid = { meetingWeekday: 2, meetingTime: "11:00", meetingMinutes: 60 };
    for (const role of ["STEWARD", "ENGINEER", "VIEWER"] as const) {
      const member = await newMember(db, organization.id, role);
      expect(await codeOf(updateMeetingSettings(db, member.ctx, pid, valid)), role).toBe("forbidden");
    }
    expect(await meetingOf(db, pid)).toEqual([1, "10:00", 30]);
    const manager = await newMember(db, organization.id, "MANAGER");
    expect(await codeOf(updateMeetingSettings(db, manager.ctx, pid, valid))).toBe("ok");
    expect(await codeOf(updateMeetingSettings(db, ctx, pid, { ...valid, meetingMinutes: 90 }))).toBe("ok");
    expect(await meetingOf(db, pid)).toEqual([2, "11:00", 90]);
  });

  test("another tenant's project is not found and stays unchanged", async () => {
    const { db, pid } = await setup();
    const other = await newAdmin(db, "Other");
    expect(await codeOf(updateMeetingSettings(db, other.ctx, pid, { meetingWeekday: 4, meetingTime: "16:00", meetingMinutes: 20 }))).toBe("not_found");
    expect(await codeOf(updateMeetingSettings(db, other.ctx, "no-such-project", { meetingWeekday: 4, meetingTime: "16:00", meetingMinutes: 20 }))).toBe(
      "not_found",
    );
    expect(await meetingOf(db, pid)).toEqual([1, "10:00", 30]);
  });
});

describe("reading a project's settings", () => {
  test("pages read every group in one call; the calendar secret is only a yes/no; another tenant's project is not found", async () => {
    const { db, ctx, pid, organization } = await setup();
    const viewer = await newMember(db, organization.id, "VIEWER");
    const before = await getProjectSettings(db, viewer.ctx, pid);
    expect(before).toMatchObject({ meetingWeekday: 1, meetingTime: "10:00", hasCalendarLink: false, rankingWeights: null });
    expect(before).not.toHaveProperty("calendarTokenHash");
    await rotateCalendarToken(db, ctx, pid);
    await updateMeetingSettings(db, ctx, pid, { meetingWeekday: 4, meetingTime: "15:00", meetingMinutes: 30 });
    expect(await getProjectSettings(db, viewer.ctx, pid)).toMatchObject({ meetingWeekday: 4, hasCalendarLink: true });
    const other = await newAdmin(db, "Other");
    expect(await codeOf(getProjectSettings(db, other.ctx, pid))).toBe("not_found");
  });
});
