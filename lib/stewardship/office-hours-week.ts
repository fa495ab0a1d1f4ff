import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { addDays, dayDiff, dayKey, isDayKey, weekStart } from "@/lib/time/days";
import type { DayKey } from "@/lib/progress/types";
import { zonedToUtc } from "./recurrence";
import { MAX_UPCOMING_WEEKS, sessionsBetweenInstants, type UpcomingSession } from "./office-hours";
import * as clock from "@/lib/time/clock";

/**
 * The office-hours page shows one week at a time (Monday to Sunday in the project's time zone),
 * so its size is bounded by the slot limit (MAX_ACTIVE_SLOTS sessions a week), not by how many
 * weeks ahead anyone looks.
 */
export type OfficeHoursWeek = {
  /** The Monday shown. */
  week: DayKey;
  thisWeek: DayKey;
  /** The Mondays of the weeks before and after, when they can be shown. */
  previous: DayKey | null;
  next: DayKey | null;
  /** The week's sessions still to start (this week: from now on), sorted by start. */
  sessions: UpcomingSession[];
};

/** The Monday of a "YYYY-MM-DD" day, or null for anything that is not a real day. */
function mondayOf(day: string | undefined): DayKey | null {
  return isDayKey(day) ? weekStart(day) : null;
}

/**
 * The sessions of one week: `week` is any day of it ("YYYY-MM-DD", from the page's URL). A
 * missing or unreadable day, or one outside this week … MAX_UPCOMING_WEEKS ahead, shows the
 * nearest week that can be shown: a page parameter is never an error.
 */
export async function officeHoursWeek(db: Db, ctx: OrgContext, projectId: string, week?: string): Promise<OfficeHoursWeek> {
  assertCan(ctx.role, "project:view");
  const { timeZone } = await projectInScope(db, ctx, projectId);
  const now = clock.now();
  const thisWeek = weekStart(dayKey(now, timeZone));
  const last = addDays(thisWeek, 7 * (MAX_UPCOMING_WEEKS - 1));
  const asked = mondayOf(week) ?? thisWeek;
  const shown = asked < thisWeek ? thisWeek : asked > last ? last : asked;
  const start = shown === thisWeek ? now : zonedToUtc(shown, "00:00", timeZone);
  const end = zonedToUtc(addDays(shown, 7), "00:00", timeZone);
  return {
    week: shown,
    thisWeek,
    previous: dayDiff(thisWeek, shown) > 0 ? addDays(shown, -7) : null,
    next: shown < last ? addDays(shown, 7) : null,
    sessions: await sessionsBetweenInstants(db, ctx, projectId, start, end),
  };
}
