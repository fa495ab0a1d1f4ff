import { can } from "./permissions";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Rules about one thing, beside the role table: a member may act on *their own* claim, sign-up or
 * action item, or on anyone's when their role allows it. Domain functions (which refuse with 403)
 * and pages (which show the controls) both ask here, so they never disagree.
 */
export type Actor = { role: Role; userId: string | null };

const isUser = (actor: Actor, userId: string | null | undefined) => actor.userId !== null && userId === actor.userId;

/** Release, hand over or answer a handover request: the holder, or whoever may reassign claims. */
export function mayActOnClaim(actor: Actor, claim: { holderId: string }): boolean {
  return (isUser(actor, claim.holderId) && can(actor.role, "claims:claim")) || can(actor.role, "claims:reassign");
}

/** Claim for someone else: only whoever may reassign claims; anyone who may claim, for themselves. */
export function mayClaimFor(actor: Actor, holderId: string): boolean {
  return isUser(actor, holderId) ? can(actor.role, "claims:claim") : can(actor.role, "claims:reassign");
}

/** Run an office-hours slot (edit it, cancel or move its sessions, see every sign-up, keep notes): a steward, or one of its hosts. */
export function runsSlot(actor: Actor, slot: { hostIds: readonly string[] }): boolean {
  return can(actor.role, "stewardship:run") || (can(actor.role, "stewardship:take-part") && slot.hostIds.some((id) => isUser(actor, id)));
}

/** Cancel a sign-up: one's own, or any for whoever runs the slot. */
export function mayCancelSignup(actor: Actor, signup: { userId: string }, slot: { hostIds: readonly string[] }): boolean {
  return (isUser(actor, signup.userId) && can(actor.role, "stewardship:take-part")) || runsSlot(actor, slot);
}

/** Close or reopen an action item: its owner, or a steward. */
export function mayCloseActionItem(actor: Actor, item: { ownerId: string | null }): boolean {
  return can(actor.role, "stewardship:run") || (isUser(actor, item.ownerId) && can(actor.role, "stewardship:take-part"));
}

/** Confirm or send back a coding agent's submission: the member the agent worked for, or whoever may review agents' work. */
export function mayReviewSubmission(actor: Actor, submission: { holderId: string }): boolean {
  return (isUser(actor, submission.holderId) && can(actor.role, "claims:claim")) || can(actor.role, "agents:review");
}
