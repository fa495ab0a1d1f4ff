/**
 * The events notifications are about, and the groups a person chooses channels for. A name is
 * "<subject>.<what happened>"; outbound webhooks carry it as the payload's `type`.
 */
export const EVENT_GROUPS = {
  claims: "Claims and handovers",
  actions: "Action items",
  decisions: "Decisions",
  office_hours: "Office hours",
  cutover: "Cutover and evidence",
  imports: "Imports",
  reports: "Weekly reports",
  code: "Code and patterns",
  agents: "Coding agents",
} as const;

export type EventGroup = keyof typeof EVENT_GROUPS;
export const GROUP_KEYS = Object.keys(EVENT_GROUPS) as EventGroup[];

export const EVENTS = {
  "claim.stale": "claims",
  "claim.expiring": "claims",
  "claim.handed_over": "claims",
  "claim.handover_requested": "claims",
  "claim.handover_declined": "claims",
  /** A coding agent submitted its work on an item: its token's owner reviews it (issue 23). */
  "agent.submitted": "agents",
  "action_item.due": "actions",
  "action_item.overdue": "actions",
  "decision.proposed": "decisions",
  "decision.accepted": "decisions",
  "decision.superseded": "decisions",
  "office_hours.signed_up": "office_hours",
  "office_hours.reminder": "office_hours",
  "route.switched": "cutover",
  "route.rolled_back": "cutover",
  "evidence.failed": "cutover",
  "gate.blocked": "cutover",
  "schedule.failed": "cutover",
  "freeze.starting": "cutover",
  "import.finished": "imports",
  "report.weekly": "reports",
  "report.personal": "reports",
  /** A pattern that had reached its target is back above it in the code (issue 22). */
  "pattern.drift": "code",
  /** A person sent a coding agent's submission back (issue 23): told to the agent's owner. */
  "submission.sent_back": "agents",
  /** A coding agent's lease ran out without a heartbeat: the item is free again. */
  "lease.expired": "agents",
} as const satisfies Record<string, EventGroup>;

export type EventName = keyof typeof EVENTS;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export function groupOf(event: EventName): EventGroup {
  return EVENTS[event];
}
