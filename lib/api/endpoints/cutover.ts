import { z } from "zod";
import type { Endpoint } from "../endpoint-types";
import { bulkSwitchSchema, cutoverSettingsSchema, freezeWindowSchema, killSwitchSchema, scheduleSwitchSchema, switchSchema } from "@/lib/cutover/schemas";
import { switchListQuerySchema } from "@/lib/cutover/history";
import { routingQuerySchema } from "@/lib/cutover/routing-query";

const project = { projectId: "The project's id." };
const tag = "Cutover";

const state = z.string().describe('"legacy", "shadow", "new" or "canary:N" (N % of clients to new).');
const switchOut = z.object({ itemId: z.string(), key: z.string(), state, changed: z.boolean() }).meta({ id: "TrafficSwitchResult" });
const switchRow = z
  .object({
    id: z.string(),
    itemId: z.string(),
    key: z.string(),
    at: z.string(),
    kind: z.string(),
    batchId: z.string().nullable(),
    reason: z.string(),
    from: state,
    to: state,
    actor: z.string(),
    override: z.object({ windowId: z.string(), reason: z.string().nullable() }).nullable(),
  })
  .meta({ id: "TrafficSwitch" });
const settingsOut = z
  .object({
    legacyUpstream: z.string().nullable(),
    newUpstream: z.string().nullable(),
    mirrorUpstream: z.string().nullable(),
    legacyRetired: z.boolean(),
    stickinessBy: z.string(),
    stickinessName: z.string().nullable(),
  })
  .meta({ id: "CutoverSettings" });
const scheduledOut = z
  .object({
    id: z.string(),
    itemId: z.string(),
    key: z.string(),
    to: state,
    reason: z.string(),
    runAt: z.string(),
    status: z.string(),
    outcome: z.string().nullable(),
  })
  .meta({ id: "ScheduledSwitch" });
const occurrence = z.object({ windowId: z.string(), reason: z.string(), start: z.string(), end: z.string() });
const windowOut = z
  .object({
    id: z.string(),
    projectId: z.string().nullable(),
    reason: z.string(),
    timeZone: z.string(),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    cron: z.string().nullable(),
    durationMinutes: z.number().nullable(),
  })
  .catchall(z.unknown())
  .meta({ id: "FreezeWindow" });

export const cutoverEndpoints: Endpoint[] = [
  {
    method: "get",
    path: "/api/v1/projects/{projectId}/routing",
    tag,
    pathParams: project,
    query: routingQuerySchema,
    scopes: ["API", "ROUTING"],
    summary:
      "The proxy configuration that carries out the cutover ledger (nginx, HAProxy, Apache, Traefik, Envoy or the JSON ledger), deterministic for one state. Sends an ETag; with If-None-Match of the current one it answers 304. A token of the read-only `ROUTING` scope may call it (a proxy's pull).",
    response: { status: 200, schema: z.string().describe("The configuration as text (its content type by format)."), description: "The configuration." },
    errors: [304, 400, 401, 404, 409],
  },
  {
    method: "get",
    path: "/api/v1/projects/{projectId}/cutover",
    tag,
    pathParams: project,
    summary: "Where the cutover stands: routes and traffic by state, the share of traffic on the new stack, the freeze window in force and the next ones.",
    response: {
      status: 200,
      schema: z.object({
        byState: z.array(z.object({ state, routes: z.number(), trafficPerDay: z.number() })),
        trafficPerDay: z.number(),
        newShare: z.number(),
        freeze: z.object({ active: occurrence.nullable(), upcoming: z.array(occurrence) }),
      }),
      description: "The summary.",
    },
    errors: [401, 404],
  },
  {
    method: "get",
    path: "/api/v1/projects/{projectId}/cutover/settings",
    tag,
    pathParams: project,
    summary: "The cutover settings: upstreams, stickiness of canaries, whether legacy is retired.",
    response: { status: 200, schema: settingsOut, description: "The settings." },
    errors: [401, 404],
  },
  {
    method: "patch",
    path: "/api/v1/projects/{projectId}/cutover/settings",
    tag,
    pathParams: project,
    body: cutoverSettingsSchema,
    summary:
      "Change the upstreams (http(s)://host:port), stickiness (address, or a cookie or header name) or legacyRetired (only then does the catch-all go to new). Managers and admins.",
    response: { status: 200, schema: settingsOut, description: "The settings after the change." },
    errors: [400, 401, 403, 404],
  },
  {
    method: "post",
    path: "/api/v1/projects/{projectId}/items/{itemId}/switch",
    tag,
    pathParams: { ...project, itemId: "The route's id." },
    body: switchSchema,
    summary:
      "Switch one route: legacy, shadow, canary N %, or new, with a reason. `expected` guards against a switch made meanwhile (409). During a freeze window: 409 naming it, unless an admin overrides with a reason. Away from legacy only once the upstreams are set. Engineers and up.",
    response: { status: 200, schema: switchOut, description: "The route's state after the switch." },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: "post",
    path: "/api/v1/projects/{projectId}/cutover/switch",
    tag,
    pathParams: project,
    body: bulkSwitchSchema,
    summary: "Switch many routes together (all or nothing): one reason, one batch. The same freeze and upstream rules as one switch.",
    response: { status: 200, schema: z.object({ selected: z.number(), switched: z.number(), state }), description: "How many moved." },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: "post",
    path: "/api/v1/projects/{projectId}/cutover/kill-switch",
    tag,
    pathParams: project,
    body: killSwitchSchema,
    summary:
      "Send routes back to legacy at once — one route, a module's routes, a team's, or the whole project — with a reason. Never refused by a freeze window.",
    response: { status: 200, schema: z.object({ switched: z.number(), batchId: z.string(), keys: z.array(z.string()) }), description: "The routes sent back." },
    errors: [400, 401, 403, 404],
  },
  {
    method: "get",
    path: "/api/v1/projects/{projectId}/cutover/switches",
    tag,
    pathParams: project,
    query: switchListQuerySchema,
    summary: "Every switch, latest first (or one route's with `item`): who, when, why, from → to, overrides.",
    response: { status: 200, schema: z.object({ data: z.array(switchRow), nextCursor: z.string().nullable() }), description: "A page of switches." },
    errors: [400, 401, 404],
  },
  {
    method: "get",
    path: "/api/v1/projects/{projectId}/freeze-windows",
    tag,
    pathParams: project,
    summary: "The freeze windows that apply to the project (its own and its organisation's), the one in force and the next occurrences.",
    response: {
      status: 200,
      schema: z.object({ windows: z.array(windowOut), active: occurrence.nullable(), upcoming: z.array(occurrence) }),
      description: "The windows.",
    },
    errors: [401, 404],
  },
  {
    method: "post",
    path: "/api/v1/projects/{projectId}/freeze-windows",
    tag,
    pathParams: project,
    body: freezeWindowSchema,
    summary:
      "Add a freeze window: one-off (startsAt, endsAt) or recurring (a cron expression in timeZone, lasting durationMinutes), with its reason. The project's: managers; the organisation's: admins.",
    response: { status: 201, schema: windowOut, description: "The window." },
    errors: [400, 401, 403, 404],
  },
  {
    method: "delete",
    path: "/api/v1/projects/{projectId}/freeze-windows/{windowId}",
    tag,
    pathParams: { ...project, windowId: "The window's id." },
    summary: "Remove a freeze window.",
    response: { status: 200, schema: z.object({ deleted: z.boolean() }), description: "Removed." },
    errors: [401, 403, 404],
  },
  {
    method: "get",
    path: "/api/v1/projects/{projectId}/cutover/scheduled",
    tag,
    pathParams: project,
    summary:
      "Planned switches: those still to run (soonest first) and the last that ran or failed, with what happened. Reading it also carries out those whose time has come.",
    response: { status: 200, schema: z.object({ pending: z.array(scheduledOut), recent: z.array(scheduledOut) }), description: "The planned switches." },
    errors: [401, 404],
  },
  {
    method: "post",
    path: "/api/v1/projects/{projectId}/cutover/scheduled",
    tag,
    pathParams: project,
    body: scheduleSwitchSchema,
    summary:
      "Plan a route's switch for a later time (`at`: in the project's time zone, or with an offset). It runs at the first read of the ledger after that time (a proxy's pull, the Cutover page) as the person who planned it; a freeze window then in force makes it fail, recorded.",
    response: { status: 201, schema: scheduledOut, description: "The planned switch." },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: "delete",
    path: "/api/v1/projects/{projectId}/cutover/scheduled/{scheduledId}",
    tag,
    pathParams: { ...project, scheduledId: "The planned switch's id." },
    summary: "Cancel a planned switch that has not run yet.",
    response: { status: 200, schema: z.object({ id: z.string(), status: z.string() }), description: "Cancelled." },
    errors: [401, 403, 404, 409],
  },
];
