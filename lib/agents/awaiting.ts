import { conflict } from "@/lib/errors";

/** The refusal of every status change of an item a person has not confirmed yet (409). */
export const AWAITING_MESSAGE = "awaiting confirmation: confirm or send it back in Review";

/** An item a coding agent reported as ported: only the review may move its status. */
export function awaitingConflict(key: string) {
  return conflict(`${key} is ${AWAITING_MESSAGE}.`, { agentReview: "AWAITING" });
}

/** A switch away from legacy of routes an agent ported that no person has confirmed yet. */
export function awaitingSwitchConflict(keys: string[], to: string) {
  const shown = keys.slice(0, 5).join(", ") + (keys.length > 5 ? ` and ${keys.length - 5} more` : "");
  return conflict(
    `${shown} ${keys.length === 1 ? "was" : "were"} ported by a coding agent and ${keys.length === 1 ? "needs" : "need"} a person's confirmation first (Review) before switching to ${to}.`,
    { agentReview: "AWAITING", keys },
  );
}
