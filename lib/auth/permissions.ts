import type { Role } from "@/lib/generated/prisma/enums";
import { forbidden } from "@/lib/errors";

/**
 * The one answer to "may this member do this?", used by pages, server actions and the API.
 * Pages may hide what a role cannot do, but the server always asks here.
 */
export const ROLES = ["ADMIN", "MANAGER", "STEWARD", "ENGINEER", "VIEWER"] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  MANAGER: "Manager",
  STEWARD: "Steward",
  ENGINEER: "Engineer",
  VIEWER: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  ADMIN: "Everything, including members and organisation settings",
  MANAGER: "Creates and edits projects, manages API tokens",
  STEWARD: "Runs the stewardship work of projects",
  ENGINEER: "Works on the inventory and claims items",
  VIEWER: "Reads everything, changes nothing",
};

const EVERYONE: readonly Role[] = ROLES;
const MATRIX = {
  "org:view": EVERYONE,
  "org:manage": ["ADMIN"],
  "members:view": EVERYONE,
  "members:manage": ["ADMIN"],
  "project:view": EVERYONE,
  "project:create": ["ADMIN", "MANAGER"],
  "project:edit": ["ADMIN", "MANAGER"],
  "inventory:edit": ["ADMIN", "MANAGER", "STEWARD", "ENGINEER"],
  "inventory:import": ["ADMIN", "MANAGER", "STEWARD", "ENGINEER"],
  "claims:claim": ["ADMIN", "MANAGER", "STEWARD", "ENGINEER"],
  /** Claim for someone else, release or hand over another member's claim. */
  "claims:reassign": ["ADMIN", "MANAGER", "STEWARD"],
  "ranking:tune": ["ADMIN", "MANAGER", "STEWARD"],
  /** Run meetings (agenda, notes, attendees), record and change decisions, host office hours. */
  "stewardship:run": ["ADMIN", "MANAGER", "STEWARD"],
  /** Sign up to office hours, own and close action items. */
  "stewardship:take-part": ["ADMIN", "MANAGER", "STEWARD", "ENGINEER"],
  /** The status page for people outside engineering: its summary, notes, subscribers and share link. */
  "status:manage": ["ADMIN", "MANAGER", "STEWARD"],
  "teams:manage": ["ADMIN", "MANAGER"],
  "tokens:view": ["ADMIN", "MANAGER"],
  "tokens:manage": ["ADMIN", "MANAGER"],
  /** Switch a route's traffic (legacy, shadow, canary, new) and send routes back to legacy. */
  "cutover:switch": ["ADMIN", "MANAGER", "STEWARD", "ENGINEER"],
  /** The project's upstreams, stickiness, legacy retired; its freeze windows. */
  "cutover:configure": ["ADMIN", "MANAGER"],
  /** Switch during a freeze window, with a reason (recorded). */
  "cutover:override-freeze": ["ADMIN"],
  /** Post evidence (a check's result) for items; CI does it with a token of the evidence scope. */
  "evidence:post": ["ADMIN", "MANAGER", "STEWARD", "ENGINEER"],
  /** Which evidence a route needs to become Verified and to be switched to new. */
  "evidence:gates": ["ADMIN", "MANAGER", "STEWARD"],
  /** Verify or switch to new without the evidence a gate asks for, with a reason (recorded). */
  "evidence:override-gate": ["ADMIN", "MANAGER"],
  /** A project's Slack webhook and the outbound webhooks (with their delivery log and redeliver). */
  "notifications:manage": ["ADMIN", "MANAGER"],
  /** Link a project's legacy and new repositories: remote, branch, folders, credentials, the push webhook's secret. */
  "repositories:manage": ["ADMIN", "MANAGER"],
  /** Ask for a scan of a linked repository now. */
  "repositories:scan": ["ADMIN", "MANAGER", "STEWARD", "ENGINEER"],
  /** Accept or reject what the code suggests (scope changes, statuses, owners) and set the code settings (prefix map, links, owner table). */
  "code:review": ["ADMIN", "MANAGER", "STEWARD"],
  /** The patterns that must disappear from the code. */
  "patterns:manage": ["ADMIN", "MANAGER", "STEWARD"],
  /** Confirm or send back any coding agent's submitted work (issue 23); an agent's owner reviews their own agent's work whatever their role. */
  "agents:review": ["ADMIN", "MANAGER", "STEWARD"],
  /** Write the project's porting guide (issue 23): conventions and patterns every brief carries. */
  "guide:edit": ["ADMIN", "MANAGER", "STEWARD"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof MATRIX;

/** Every action the matrix knows. */
export const ACTIONS = Object.keys(MATRIX) as Action[];

export function can(role: Role, action: Action): boolean {
  return (MATRIX[action] as readonly Role[]).includes(role);
}

/** Whether the role may do at least one of the actions (a page that serves several). */
export function canAny(role: Role, actions: readonly Action[]): boolean {
  return actions.some((action) => can(role, action));
}

/** What the project's Settings tab holds: details (managers), ranking weights, meetings and calendar (stewards). */
export const PROJECT_SETTINGS_ACTIONS = ["project:edit", "ranking:tune", "stewardship:run"] as const satisfies readonly Action[];

/**
 * What a coding agent never does, whatever its owner's role: switch traffic, override a gate or a
 * freeze window, confirm work (its own or anyone's), manage the project. The refusal says what to
 * do instead, because an agent reads it as a tool error.
 */
export function assertNotAgent(ctx: { agent?: unknown }, what: string): void {
  if (ctx.agent) throw forbidden(`A coding agent may not ${what}. Ask a person to do it in Waypoint.`);
}

export function assertCan(role: Role, action: Action): void {
  if (!can(role, action)) throw forbidden(`Your role (${ROLE_LABELS[role]}) may not do this (${action}).`);
}

/** Rank on the ladder: each role may do what the ones below it may. */
const RANK: Record<Role, number> = { VIEWER: 0, ENGINEER: 1, STEWARD: 2, MANAGER: 3, ADMIN: 4 };

/** The lower of two roles: a token never acts above the member who made it. */
export function lowerRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}

/** Roles an API token may carry: never admin, so a leaked token cannot manage members. */
export const TOKEN_ROLES = ["MANAGER", "STEWARD", "ENGINEER", "VIEWER"] as const satisfies readonly Role[];
