"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { invalid } from "@/lib/errors";
import { cancelSession, cancelSignup, createSlot, deleteSlot, listSlots, moveSession, signUp, updateSignup, updateSlot } from "@/lib/stewardship/office-hours";
import { zonedToUtc } from "@/lib/stewardship/recurrence";
import { projectPath } from "@/lib/projects/paths";

const stewardshipPath = (org: string, projectSlug: string) => `${projectPath(org, projectSlug)}/stewardship`;
const officeHoursPath = (org: string, projectSlug: string) => `${stewardshipPath(org, projectSlug)}/office-hours`;

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/;

// ---- sessions and sign-ups ----------------------------------------------------------------------

export async function signUpAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await signUp(db, ctx, input.projectId, input.slotId, { sessionDate: input.sessionDate, topic: input.topic, itemId: input.itemId });
    revalidatePath(stewardshipPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "You are signed up." };
  });
}

export async function cancelSignupAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await cancelSignup(db, ctx, input.projectId, input.signupId);
    revalidatePath(stewardshipPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "Sign-up cancelled." };
  });
}

/** The host's side of a sign-up: notes, answered, raised. Unticked boxes are sent as "no". */
export async function updateSignupAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const signup = await updateSignup(db, ctx, input.projectId, input.signupId, {
      hostNotes: input.hostNotes ?? "",
      answered: input.answered === "on",
      raise: input.raise === "on",
    });
    revalidatePath(stewardshipPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: signup.raisedAt && !signup.answeredAt ? "Saved; raised to the next meeting." : "Saved." };
  });
}

export async function cancelSessionAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await cancelSession(db, ctx, input.projectId, input.slotId, { date: input.date });
    revalidatePath(stewardshipPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "Session cancelled." };
  });
}

/**
 * Moves a session (or reinstates a cancelled one). The form's datetime-local value has no zone: it
 * is read as a wall-clock time in the slot's own time zone, looked up here (not sent by the form).
 */
export async function moveSessionAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const match = LOCAL_DATE_TIME.exec((input.to ?? "").trim());
    if (!match) throw invalid("Enter the new date and time.", { to: ["Enter a date and a time."] });
    const slot = (await listSlots(db, ctx, input.projectId)).find((s) => s.id === input.slotId);
    if (!slot) throw invalid("No such office-hours slot in this project.");
    let to: Date;
    try {
      to = zonedToUtc(match[1], match[2], slot.timeZone);
    } catch {
      throw invalid("Not a real date and time.", { to: ["Not a real date and time."] });
    }
    await moveSession(db, ctx, input.projectId, slot.id, { date: input.date, to: to.toISOString() });
    revalidatePath(stewardshipPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: `Moved to ${match[1]} ${match[2]} ${slot.timeZone}.` };
  });
}

// ---- slots --------------------------------------------------------------------------------------

/** The slot form's fields as the domain wants them; hosts are checkboxes (several values of one name). */
function slotInput(input: Record<string, string>, hosts: string[]) {
  return {
    weekday: input.weekday ?? "",
    startTime: input.startTime ?? "",
    durationMinutes: input.durationMinutes ?? "",
    timeZone: input.timeZone ?? "",
    location: input.location ?? "",
    capacity: input.capacity ?? "",
    startsOn: input.startsOn ?? "",
    endsOn: input.endsOn ?? "",
    hosts,
  };
}

/** After a refusal the ticked hosts come back as one comma-separated value (form values are strings). */
const keepHosts = (state: ActionState, hosts: string[]): ActionState =>
  state?.error ? { ...state, values: { ...state.values, hosts: hosts.join(",") } } : state;

export async function createSlotAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const hosts = formData.getAll("hosts").map(String);
  const state = await runOrgAction(formData, async ({ db, ctx, input }) => {
    const slot = await createSlot(db, ctx, input.projectId, slotInput(input, hosts));
    revalidatePath(stewardshipPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: `Office hours added: ${slot.hosts.map((h) => h.user.name).join(", ")}.` };
  });
  return keepHosts(state, hosts);
}

export async function updateSlotAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const hosts = formData.getAll("hosts").map(String);
  const state = await runOrgAction(formData, async ({ db, ctx, input }) => {
    await updateSlot(db, ctx, input.projectId, input.slotId, slotInput(input, hosts));
    revalidatePath(stewardshipPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "Slot saved." };
  });
  return keepHosts(state, hosts);
}

/** Deletes a slot with its sessions and sign-ups, then says how many upcoming sign-ups went. */
export async function deleteSlotAction(_: ActionState, formData: FormData): Promise<ActionState> {
  let target: string | null = null;
  const state = await runOrgAction(formData, async ({ db, ctx, input }) => {
    const { removedUpcomingSignups } = await deleteSlot(db, ctx, input.projectId, input.slotId);
    revalidatePath(stewardshipPath(ctx.organizationSlug, input.projectSlug), "layout");
    target = `${officeHoursPath(ctx.organizationSlug, input.projectSlug)}/slots?deleted=${removedUpcomingSignups}`;
  });
  if (target) redirect(target);
  return state;
}
